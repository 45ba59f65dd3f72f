using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

internal static class SqliteRows
{
    public const string Columns = "position, stream, revision, event_id, type, data, metadata, recorded, hash";

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
