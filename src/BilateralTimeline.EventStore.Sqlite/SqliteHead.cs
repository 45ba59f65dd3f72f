using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>The head record and the log's last event, read in one statement so they come from one snapshot.</summary>
internal static class SqliteHead
{
    public const string Select = """
        SELECT h.position, h.hash, h.recorded, e.position, e.hash
        FROM head h LEFT JOIN (SELECT position, hash FROM events ORDER BY position DESC LIMIT 1) e
        """;

    public const string Move = "UPDATE head SET position = $p, hash = $h, recorded = $rec";

    /// <summary>Reads the row <see cref="Select"/> returns; a missing head row is itself damage.</summary>
    public static (HeadSnapshot Snapshot, DateTimeOffset Recorded) Read(SqliteDataReader reader)
    {
        if (!reader.Read())
        {
            throw new DamagedLogException(0, "the store's head record is missing: the file was changed outside bt; nothing was read or recorded; restore it from a backup");
        }
        var recorded = new ChainHead(reader.GetInt64(0), (byte[])reader.GetValue(1));
        ChainHead? last = reader.IsDBNull(3) ? null : new ChainHead(reader.GetInt64(3), (byte[])reader.GetValue(4));
        return (new HeadSnapshot(recorded, last), HashChain.FromUnixMicroseconds(reader.GetInt64(2)));
    }

    public static async Task<HeadSnapshot> ReadAsync(string connectionString, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = Select;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return Read(reader).Snapshot;
        }
        catch (SqliteException e)
        {
            throw SqlitePath.Explain(path, e);
        }
    }
}
