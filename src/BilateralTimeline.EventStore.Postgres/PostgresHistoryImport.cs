using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;
using Npgsql;
using NpgsqlTypes;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// Takes over a whole history with binary COPY, the fastest way into PostgreSQL, in one transaction that
/// holds the head lock: concurrent appenders wait, and a failure half-way leaves the store empty.
/// </summary>
internal static class PostgresHistoryImport
{
    public static async Task<long> ImportAsync(NpgsqlDataSource dataSource, PostgresLocation at, IAsyncEnumerable<RecordedEvent> history, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var head = new NpgsqlCommand($"SELECT position FROM {at.Quoted}.head FOR UPDATE", connection, transaction))
        {
            var position = (long)(await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (position != 0)
            {
                throw new EventStoreUnavailableException($"the target schema '{at.Schema}' at {at.Describe()} already holds {position:N0} events; copying is only into an empty store, so that positions and hashes stay the source's: choose a fresh schema (Search Path=…)");
            }
        }
        var check = new HistoryLinkCheck();
        long count = 0;
        RecordedEvent? last = null;
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY {at.Quoted}.events (position, stream, revision, event_id, type, data, metadata, recorded, hash) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            await foreach (var e in history.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var metadata = check.Check(e);
                // Synchronous writes fill Npgsql's buffer and only block when it flushes: an awaited call
                // per column costs more than the copying itself at a million rows.
                copy.StartRow();
                copy.Write(e.GlobalPosition, NpgsqlDbType.Bigint);
                copy.Write(e.Stream, NpgsqlDbType.Text);
                copy.Write(e.StreamRevision, NpgsqlDbType.Bigint);
                copy.Write(e.EventId, NpgsqlDbType.Uuid);
                copy.Write(e.Type, NpgsqlDbType.Text);
                copy.Write(e.Data, NpgsqlDbType.Bytea);
                copy.Write(metadata, NpgsqlDbType.Bytea);
                copy.Write(e.Recorded.UtcDateTime, NpgsqlDbType.TimestampTz);
                copy.Write(e.Hash, NpgsqlDbType.Bytea);
                last = e;
                if (++count % 10_000 == 0)
                {
                    progress?.Report(count);
                }
            }
            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (last is not null)
        {
            await using var move = new NpgsqlCommand($"UPDATE {at.Quoted}.head SET position = $1, hash = $2, recorded = $3", connection, transaction);
            move.Parameters.Add(new NpgsqlParameter<long> { TypedValue = last.GlobalPosition });
            move.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = last.Hash.ToArray() });
            move.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = last.Recorded.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(count);
        return count;
    }
}
