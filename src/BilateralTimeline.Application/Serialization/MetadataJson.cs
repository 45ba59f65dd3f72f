using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Serialization;

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

    /// <summary>Reads metadata with a forward-only reader: it runs once per event on every replay.</summary>
    public static EventMetadata Deserialize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("event metadata is not a JSON object");
        }
        string? recordedBy = null;
        Guid? correlation = null;
        Guid? causation = null;
        JsonObject? extra = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("recordedBy"u8))
            {
                reader.Read();
                recordedBy = reader.GetString();
            }
            else if (reader.ValueTextEquals("correlationId"u8))
            {
                reader.Read();
                correlation = reader.GetGuid();
            }
            else if (reader.ValueTextEquals("causationId"u8))
            {
                reader.Read();
                causation = reader.GetGuid();
            }
            else
            {
                var isExtra = reader.ValueTextEquals("extra"u8);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isExtra)
                {
                    extra = JsonNode.Parse(json[start..((int)reader.BytesConsumed)]) as JsonObject;
                }
            }
        }
        return new EventMetadata(recordedBy ?? throw new FormatException("event metadata has no recordedBy"), correlation, causation, extra);
    }
}
