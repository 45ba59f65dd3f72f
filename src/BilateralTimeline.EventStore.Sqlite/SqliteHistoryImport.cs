using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// Takes over a whole history verbatim in one write transaction on a connection of its own: other
/// writers wait on SQLite's lock, and a failure half-way leaves the file as it was (empty).
/// </summary>
internal static class SqliteHistoryImport
{
    public static async Task<long> ImportAsync(string connectionString, string path, IAsyncEnumerable<RecordedEvent> history, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var any = Command(connection, transaction, "SELECT count(*) FROM events"))
        {
            if ((long)(await any.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0)
            {
                throw new EventStoreUnavailableException($"'{path}' already holds events; copying is only into an empty store, so that positions and hashes stay the source's: choose a new file");
            }
        }
        await using var insert = Command(connection, transaction,
            "INSERT INTO events (position, stream, revision, event_id, type_id, data, metadata_id, recorded, hash) VALUES ($p, $s, $r, $id, $t, $d, $m, $rec, $h)");
        foreach (var name in new[] { "$p", "$s", "$r", "$id", "$t", "$d", "$m", "$rec", "$h" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        await using var insertType = Command(connection, transaction, "INSERT INTO event_types (name) VALUES ($n) RETURNING id");
        insertType.Parameters.Add(new SqliteParameter { ParameterName = "$n" });
        await using var insertMetadata = Command(connection, transaction, "INSERT INTO event_metadata (json) VALUES ($j) RETURNING id");
        insertMetadata.Parameters.Add(new SqliteParameter { ParameterName = "$j" });

        var types = new Dictionary<string, long>(StringComparer.Ordinal);
        byte[] lastMetadata = [];
        long metadataId = 0;
        var check = new HistoryLinkCheck();
        long count = 0;
        RecordedEvent? last = null;
        await foreach (var e in history.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var metadata = check.Check(e);
            if (!types.TryGetValue(e.Type, out var typeId))
            {
                insertType.Parameters[0].Value = e.Type;
                types[e.Type] = typeId = (long)(await insertType.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            if (!metadata.AsSpan().SequenceEqual(lastMetadata))
            {
                insertMetadata.Parameters[0].Value = metadata;
                metadataId = (long)(await insertMetadata.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                lastMetadata = metadata;
            }
            var p = insert.Parameters;
            p[0].Value = e.GlobalPosition;
            p[1].Value = e.Stream;
            p[2].Value = e.StreamRevision;
            p[3].Value = SqliteRows.IdBytes(e.EventId);
            p[4].Value = typeId;
            p[5].Value = e.Data.ToArray();
            p[6].Value = metadataId;
            p[7].Value = HashChain.ToUnixMicroseconds(e.Recorded);
            p[8].Value = e.Hash.ToArray();
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            last = e;
            if (++count % 10_000 == 0)
            {
                progress?.Report(count);
            }
        }
        if (last is not null)
        {
            await using var move = Command(connection, transaction, SqliteHead.Move);
            move.Parameters.AddWithValue("$p", last.GlobalPosition);
            move.Parameters.AddWithValue("$h", last.Hash.ToArray());
            move.Parameters.AddWithValue("$rec", HashChain.ToUnixMicroseconds(last.Recorded));
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(count);
        return count;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
