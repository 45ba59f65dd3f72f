using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Testing.Golden;

/// <summary>
/// A store's raw events as JSON Lines, one event a line, exactly as the store holds them: type (wire name
/// and version), data and metadata bytes (the UTF-8 text itself, or base64 under dataBase64/metadataBase64
/// when the bytes are not text), recorded time in microseconds since the Unix epoch (the precision the
/// hash covers; "recorded" beside it is for people), position, stream, revision, event id and hash.
/// </summary>
public static class GoldenLog
{
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="events"/> to <paramref name="path"/>; <paramref name="metadataBytes"/> gives the metadata bytes the store holds (its canonical JSON when not given).</summary>
    public static async Task WriteAsync(string path, IAsyncEnumerable<RecordedEvent> events, Func<RecordedEvent, byte[]>? metadataBytes = null)
    {
        await using var file = File.Create(path);
        await foreach (var e in events)
        {
            using (var writer = new Utf8JsonWriter(file, LineOptions))
            {
                writer.WriteStartObject();
                writer.WriteNumber("position", e.GlobalPosition);
                writer.WriteString("stream", e.Stream);
                writer.WriteNumber("revision", e.StreamRevision);
                writer.WriteString("eventId", e.EventId);
                writer.WriteString("type", e.Type);
                writer.WriteNumber("recordedMicros", HashChain.ToUnixMicroseconds(e.Recorded));
                writer.WriteString("recorded", e.Recorded.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                WriteBytes(writer, "data", e.Data.Span);
                WriteBytes(writer, "metadata", metadataBytes?.Invoke(e) ?? MetadataJson.Serialize(e.Metadata));
                writer.WriteString("hash", Convert.ToHexStringLower(e.Hash.Span));
                writer.WriteEndObject();
            }
            file.WriteByte((byte)'\n');
        }
    }

    public static IReadOnlyList<RecordedEvent> Read(string path)
    {
        var events = new List<RecordedEvent>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            using var document = JsonDocument.Parse(line);
            var e = document.RootElement;
            try
            {
                var metadata = Bytes(e, "metadata");
                events.Add(new RecordedEvent(
                    e.GetProperty("stream").GetString()!,
                    e.GetProperty("revision").GetInt64(),
                    e.GetProperty("position").GetInt64(),
                    e.GetProperty("eventId").GetGuid(),
                    e.GetProperty("type").GetString()!,
                    Bytes(e, "data"),
                    MetadataJson.Deserialize(metadata),
                    HashChain.FromUnixMicroseconds(e.GetProperty("recordedMicros").GetInt64()),
                    Convert.FromHexString(e.GetProperty("hash").GetString()!)));
            }
            catch (Exception problem) when (problem is KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{number}: {problem.Message}", problem);
            }
        }
        return events;
    }

    /// <summary>Text when the bytes are UTF-8 that reads back to the same bytes; base64 otherwise.</summary>
    private static void WriteBytes(Utf8JsonWriter writer, string name, ReadOnlySpan<byte> bytes)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var text = strict.GetString(bytes);
            if (strict.GetBytes(text).AsSpan().SequenceEqual(bytes))
            {
                writer.WriteString(name, text);
                return;
            }
        }
        catch (DecoderFallbackException)
        {
        }
        writer.WriteBase64String(name + "Base64", bytes);
    }

    private static byte[] Bytes(JsonElement e, string name) =>
        e.TryGetProperty(name + "Base64", out var base64) ? base64.GetBytesFromBase64()
        : Encoding.UTF8.GetBytes(e.GetProperty(name).GetString()!);
}
