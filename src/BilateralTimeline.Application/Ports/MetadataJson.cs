using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The one canonical JSON form of <see cref="EventMetadata"/>: fixed property order, so the bytes
/// an adapter stores and the bytes <see cref="HashChain"/> hashes are the same on every adapter.
/// </summary>
public static class MetadataJson
{
    public static byte[] Serialize(EventMetadata metadata)
    {
        using var buffer = new MemoryStream(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("recordedBy", metadata.RecordedBy);
            if (metadata.CorrelationId is { } correlation)
            {
                writer.WriteString("correlationId", correlation);
            }
            if (metadata.CausationId is { } causation)
            {
                writer.WriteString("causationId", causation);
            }
            if (metadata.Extra is { } extra)
            {
                writer.WritePropertyName("extra");
                extra.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static EventMetadata Deserialize(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("event metadata is not a JSON object");
        var recordedBy = node["recordedBy"]?.GetValue<string>() ?? throw new FormatException("event metadata has no recordedBy");
        return new EventMetadata(
            recordedBy,
            node["correlationId"] is { } c ? Guid.Parse(c.GetValue<string>()) : null,
            node["causationId"] is { } k ? Guid.Parse(k.GetValue<string>()) : null,
            node["extra"] is JsonObject extra ? (JsonObject)extra.DeepClone() : null);
    }

    public static string ToText(EventMetadata metadata) => Encoding.UTF8.GetString(Serialize(metadata));
}
