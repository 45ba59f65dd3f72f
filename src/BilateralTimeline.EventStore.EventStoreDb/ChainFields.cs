using System.Text.Json;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>What bt keeps in an event's custom metadata besides the caller's metadata.</summary>
public sealed record ChainFields(EventMetadata Metadata, DateTimeOffset? Recorded, byte[]? Hash);

/// <summary>
/// An event's custom metadata on EventStoreDB: our canonical metadata fields, plus the recorded time
/// (EventStoreDB's own "created" is the server's clock, and the port stamps time from our
/// TimeProvider) and the per-stream chain hash. $correlationId/$causationId are repeated under the
/// names EventStoreDB's system projections read, so $bc- / $by_correlation_id work on our events.
/// </summary>
public static class ChainMetadata
{
    public static byte[] Write(EventMetadata metadata, DateTimeOffset recorded, ReadOnlySpan<byte> hash)
    {
        var canonical = MetadataJson.Serialize(metadata);
        using var buffer = new MemoryStream(canonical.Length + 160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            using (var document = JsonDocument.Parse(canonical))
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }
            }
            if (metadata.CorrelationId is { } correlation)
            {
                writer.WriteString("$correlationId", correlation);
            }
            if (metadata.CausationId is { } causation)
            {
                writer.WriteString("$causationId", causation);
            }
            writer.WriteNumber("btRecordedMicros", HashChain.ToUnixMicroseconds(recorded));
            writer.WriteString("btHash", Convert.ToHexStringLower(hash));
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads bt's fields; an event some other client wrote (no bt fields) yields its correlation ids
    /// and null time and hash, which the verifier reports as "not chained".
    /// </summary>
    public static ChainFields Read(ReadOnlySpan<byte> customMetadata)
    {
        if (customMetadata.IsEmpty)
        {
            return new ChainFields(new EventMetadata(""), null, null);
        }
        using var document = JsonDocument.Parse(customMetadata.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("custom metadata is not a JSON object");
        }
        if (!root.TryGetProperty("btHash", out var hash) || !root.TryGetProperty("btRecordedMicros", out var micros))
        {
            return new ChainFields(new EventMetadata("", GuidOrNull(root, "$correlationId"), GuidOrNull(root, "$causationId")), null, null);
        }
        return new ChainFields(
            MetadataJson.Deserialize(customMetadata),
            HashChain.FromUnixMicroseconds(micros.GetInt64()),
            Convert.FromHexString(hash.GetString() ?? ""));
    }

    private static Guid? GuidOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id) ? id : null;
}
