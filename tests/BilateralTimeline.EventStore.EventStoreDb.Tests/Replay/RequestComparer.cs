using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>
/// Compares a message our client sent with the recorded request's decoded fields: same field numbers,
/// same values, nothing missing and nothing extra. Paths are field numbers joined by dots ("2.1" is
/// proposed_message.id); ignored paths are the values that legitimately differ between runs.
/// </summary>
public static class RequestComparer
{
    public static List<string> Differences(JsonObject recorded, byte[] sent, IReadOnlySet<string> ignored)
    {
        var differences = new List<string>();
        CompareMessage(recorded, sent, "", ignored, differences);
        return differences;
    }

    private static void CompareMessage(JsonObject recorded, byte[] sent, string path, IReadOnlySet<string> ignored, List<string> differences)
    {
        List<WireField> fields;
        try
        {
            fields = ProtoWire.Parse(sent);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            differences.Add($"{Show(path)}: not a protobuf message ({e.Message})");
            return;
        }
        var known = new HashSet<int>();
        foreach (var (name, node) in recorded)
        {
            var number = (int)node!["field"]!;
            var type = (string)node["type"]!;
            var value = node["value"];
            var fieldPath = path.Length == 0 ? number.ToString(CultureInfo.InvariantCulture) : $"{path}.{number}";
            known.Add(number);
            if (IsIgnored(fieldPath, ignored))
            {
                continue;
            }
            var got = fields.Where(f => f.Number == number).ToList();
            var label = $"{name} ({Show(fieldPath)})";
            if (type.StartsWith("map<", StringComparison.Ordinal))
            {
                var expected = value!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
                var actual = got.Select(f => ProtoWire.Parse(f.Bytes)).ToDictionary(
                    entry => Utf8(entry.Single(e => e.Number == 1).Bytes),
                    entry => Utf8(entry.SingleOrDefault(e => e.Number == 2)?.Bytes ?? []));
                if (expected.Count != actual.Count || expected.Any(p => !actual.TryGetValue(p.Key, out var v) || v != p.Value))
                {
                    differences.Add($"{label}: map {{{Join(expected)}}} was recorded, {{{Join(actual)}}} sent");
                }
            }
            else if (type.StartsWith("repeated ", StringComparison.Ordinal))
            {
                var items = value!.AsArray();
                if (items.Count != got.Count)
                {
                    differences.Add($"{label}: {items.Count} items recorded, {got.Count} sent");
                    continue;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is JsonObject message)
                    {
                        CompareMessage(message, got[i].Bytes, $"{fieldPath}[{i}]", ignored, differences);
                    }
                    else if (Utf8(got[i].Bytes) != (string)items[i]!)
                    {
                        differences.Add($"{label}[{i}]: '{items[i]}' recorded, '{Utf8(got[i].Bytes)}' sent");
                    }
                }
            }
            else if (got.Count != 1)
            {
                differences.Add($"{label}: recorded once, sent {got.Count} times");
            }
            else
            {
                CompareSingle(label, type, value, got[0], fieldPath, ignored, differences);
            }
        }
        foreach (var extra in fields.Where(f => !known.Contains(f.Number)))
        {
            var fieldPath = path.Length == 0 ? extra.Number.ToString(CultureInfo.InvariantCulture) : $"{path}.{extra.Number}";
            if (!IsIgnored(fieldPath, ignored))
            {
                differences.Add($"field {Show(fieldPath)} was sent but is not in the recorded request");
            }
        }
    }

    private static void CompareSingle(string label, string type, JsonNode? value, WireField got, string path, IReadOnlySet<string> ignored, List<string> differences)
    {
        string? problem = type switch
        {
            "bytes" => Convert.FromBase64String((string)value!["base64"]!).AsSpan().SequenceEqual(got.Bytes) ? null : $"bytes differ: recorded '{(string?)value!["utf8"]}', sent '{Utf8(got.Bytes)}'",
            "string" => Utf8(got.Bytes) == (string)value! ? null : $"'{value}' recorded, '{Utf8(got.Bytes)}' sent",
            "uint64" or "uint32" => got.WireType == 0 && got.Varint == ulong.Parse(value!.ToString(), CultureInfo.InvariantCulture) ? null : $"{value} recorded, {got.Varint} sent",
            "int64" or "int32" => got.WireType == 0 && (long)got.Varint == long.Parse(value!.ToString(), CultureInfo.InvariantCulture) ? null : $"{value} recorded, {(long)got.Varint} sent",
            "bool" => got.WireType == 0 && (got.Varint != 0) == (bool)value! ? null : $"{value} recorded, {got.Varint != 0} sent",
            _ when value is JsonObject e && e.ContainsKey("number") && e.ContainsKey("name") => got.WireType == 0 && got.Varint == (ulong)(int)e["number"]! ? null : $"enum {e["name"]} recorded, {got.Varint} sent",
            _ => null,
        };
        if (problem is not null)
        {
            differences.Add($"{label}: {problem}");
        }
        else if (type is not ("bytes" or "string" or "uint64" or "uint32" or "int64" or "int32" or "bool") && value is JsonObject message && !(message.ContainsKey("number") && message.ContainsKey("name")))
        {
            if (got.WireType != 2)
            {
                differences.Add($"{label}: a message was recorded, wire type {got.WireType} sent");
                return;
            }
            CompareMessage(message, got.Bytes, path, ignored, differences);
        }
    }

    private static bool IsIgnored(string path, IReadOnlySet<string> ignored) =>
        ignored.Contains(path) || ignored.Contains(System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", "[*]"));

    private static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string Join(IReadOnlyDictionary<string, string> map) => string.Join(", ", map.Select(p => $"{p.Key}={p.Value}"));

    private static string Show(string path) => path.Length == 0 ? "message" : $"#{path}";
}
