using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

internal static class SqliteRows
{
    /// <summary>The columns every read selects, in the order the decoders expect; use with <see cref="From"/>.</summary>
    public const string Columns = "e.position, e.stream, e.revision, e.event_id, t.name, e.data, m.json, e.recorded, e.hash";

    public const string From = "events e JOIN event_types t ON t.id = e.type_id JOIN event_metadata m ON m.id = e.metadata_id";

    /// <summary>The columns a scan of <c>events e</c> alone selects: <see cref="Columns"/> with the type and metadata ids in place of their rows (see <see cref="SqliteIdLookup"/>).</summary>
    public const string ScanColumns = "e.position, e.stream, e.revision, e.event_id, e.type_id, e.data, e.metadata_id, e.recorded, e.hash";

    public static RecordedEvent Decode(SqliteDataReader row)
    {
        var position = row.GetInt64(0);
        try
        {
            var id = (byte[])row.GetValue(3);
            var metadata = (byte[])row.GetValue(6);
            return new RecordedEvent(
                row.GetString(1),
                row.GetInt64(2),
                position,
                new Guid(id, bigEndian: true),
                row.GetString(4),
                (byte[])row.GetValue(5),
                MetadataJson.Deserialize(metadata),
                HashChain.FromUnixMicroseconds(row.GetInt64(7)),
                (byte[])row.GetValue(8));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new CorruptEventException(position, e.Message, e);
        }
    }

    public static byte[] IdBytes(Guid id) => id.ToByteArray(bigEndian: true);
}
