using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>Decodes event rows; every read selects <see cref="Columns"/> in this order.</summary>
internal sealed class PostgresRows
{
    public const string Columns = "position, stream, revision, event_id, type, data, metadata, recorded, hash";

    // Events of one append share their metadata, so consecutive rows usually carry the same bytes:
    // decoding them once per run instead of once per row is most of a replay's JSON work.
    private byte[] _lastMetadataBytes = [];
    private EventMetadata? _lastMetadata;

    public RecordedEvent Decode(NpgsqlDataReader row)
    {
        var position = row.GetInt64(0);
        try
        {
            // Columns are read in order: readers use sequential access, which streams large payloads.
            var stream = row.GetString(1);
            var revision = row.GetInt64(2);
            var id = row.GetGuid(3);
            var type = row.GetString(4);
            var data = row.GetFieldValue<byte[]>(5);
            var metadataBytes = row.GetFieldValue<byte[]>(6);
            if (_lastMetadata is null || !metadataBytes.AsSpan().SequenceEqual(_lastMetadataBytes))
            {
                _lastMetadata = MetadataJson.Deserialize(metadataBytes);
                _lastMetadataBytes = metadataBytes;
            }
            var recorded = new DateTimeOffset(row.GetFieldValue<DateTime>(7), TimeSpan.Zero);
            return new RecordedEvent(stream, revision, position, id, type, data, _lastMetadata, recorded, row.GetFieldValue<byte[]>(8));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new CorruptEventException(position, e.Message, e);
        }
    }
}
