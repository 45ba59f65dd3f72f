using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Testing.Golden;

/// <summary>
/// One reviewed difference between a checked-in output and what the current build prints: an RFC 6902
/// operation (add, remove, replace) at a JSON Pointer inside one output, with the reason. Stores names
/// the store kinds it applies to (all when absent).
/// </summary>
public sealed record GoldenExpectation(string Output, string Op, string Path, JsonNode? Value, string Reason, IReadOnlyList<string>? Stores);

/// <summary>
/// The <c>expectations.json</c> of a golden set: <c>{"expectations": [{"output": "state-as-of-2024-02-01",
/// "op": "replace", "path": "/score", "value": -0.5, "reason": "issue 23: …"}]}</c>. Applied to the
/// checked-in output before comparing, so the golden output itself stays what the old build printed.
/// </summary>
public static class GoldenExpectations
{
    public static IReadOnlyList<GoldenExpectation> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        var list = JsonNode.Parse(File.ReadAllText(path))!["expectations"]!.AsArray();
        return list.Select((e, i) =>
        {
            string Required(string name) => e?[name]?.GetValue<string>() is { Length: > 0 } value
                ? value
                : throw new InvalidDataException($"{path}: expectations[{i}] has no \"{name}\"");
            var op = Required("op");
            if (op is not ("add" or "remove" or "replace"))
            {
                throw new InvalidDataException($"{path}: expectations[{i}].op is \"{op}\"; use add, remove or replace");
            }
            return new GoldenExpectation(Required("output"), op, e!["path"]?.GetValue<string>() ?? "", e["value"]?.DeepClone(), Required("reason"),
                e["stores"]?.AsArray().Select(s => s!.GetValue<string>()).ToList());
        }).ToList();
    }

    public static void WriteEmpty(string path) =>
        File.WriteAllText(path, """
            {
              "$comment": "Reviewed differences between outputs/*.json and what the current build prints; see tests/golden/README.md. Each entry: output, op (add|remove|replace), path (JSON Pointer), value, reason, optional stores.",
              "expectations": []
            }

            """.ReplaceLineEndings("\n"));

    /// <summary>The checked-in output with the expectations for <paramref name="output"/> on <paramref name="store"/> applied, in file order.</summary>
    public static JsonNode Apply(JsonNode golden, IEnumerable<GoldenExpectation> expectations, string output, string store)
    {
        var result = golden.DeepClone();
        foreach (var e in expectations.Where(e => e.Output == output && (e.Stores is null || e.Stores.Contains(store))))
        {
            result = ApplyOne(result, e);
        }
        return result;
    }

    private static JsonNode ApplyOne(JsonNode root, GoldenExpectation e)
    {
        if (e.Path.Length == 0)
        {
            return e.Op == "remove" ? throw new InvalidDataException($"{e.Output}: cannot remove the whole output") : e.Value?.DeepClone() ?? JsonValue.Create((string?)null)!;
        }
        var tokens = e.Path.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        var parent = root;
        foreach (var token in tokens.SkipLast(1))
        {
            parent = Child(parent, token) ?? throw Missing(e);
        }
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                if (e.Op != "add" && !obj.ContainsKey(last))
                {
                    throw Missing(e);
                }
                obj.Remove(last);
                if (e.Op != "remove")
                {
                    obj[last] = e.Value?.DeepClone();
                }
                break;
            case JsonArray array:
                var index = last == "-" ? array.Count : int.Parse(last, System.Globalization.CultureInfo.InvariantCulture);
                if (e.Op != "add" && index >= array.Count)
                {
                    throw Missing(e);
                }
                if (e.Op != "add")
                {
                    array.RemoveAt(index);
                }
                if (e.Op != "remove")
                {
                    array.Insert(index, e.Value?.DeepClone());
                }
                break;
            default:
                throw Missing(e);
        }
        return root;
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj[token],
        JsonArray array when int.TryParse(token, out var i) && i >= 0 && i < array.Count => array[i],
        _ => null,
    };

    private static InvalidDataException Missing(GoldenExpectation e) =>
        new($"expectation for {e.Output} ({e.Op} {e.Path}: {e.Reason}) does not apply: the checked-in output has nothing at that path");

    /// <summary>The first place where two outputs differ, as a JSON Pointer with both values; null when equal.</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "")
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var name in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    var at = $"{path}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";
                    if (!e.ContainsKey(name) || !a.ContainsKey(name))
                    {
                        return $"{at}: {(e.ContainsKey(name) ? "expected but missing" : "present but not expected")} ({Show(e.ContainsKey(name) ? e[name] : a[name])})";
                    }
                    if (FirstDifference(e[name], a[name], at) is { } inside)
                    {
                        return inside;
                    }
                }
                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{path}/{i}: arrays differ in length (expected {e.Count}, got {a.Count})";
                    }
                    if (FirstDifference(e[i], a[i], $"{path}/{i}") is { } inside)
                    {
                        return inside;
                    }
                }
                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{(path.Length == 0 ? "/" : path)}: expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
