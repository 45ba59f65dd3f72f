using BilateralTimeline.Application.Ports;
using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>
/// <see cref="IProjectionStore"/> in the store's schema. A commit locks the version's checkpoint row,
/// checks it, writes the rows and moves it in one transaction; two runners starting a version at once
/// collide on its primary key and the loser changes nothing. Readers see the last commit (MVCC).
/// </summary>
public sealed class PostgresProjectionStore(PostgresLocation at, TimeProvider clock) : IProjectionStore
{
    private readonly string _s = at.Quoted;

    public async Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT position, updated FROM {_s}.projection_checkpoints WHERE projection = $1 AND version = $2", projection, version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ProjectionCheckpoint(projection, version, reader.GetInt64(0), new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero))
            : null;
    }

    public async Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long? stored;
        await using (var read = Command(connection, transaction, $"SELECT position FROM {_s}.projection_checkpoints WHERE projection = $1 AND version = $2 FOR UPDATE", projection, version))
        {
            stored = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        }
        var actual = stored ?? 0;
        if (actual != expectedPosition)
        {
            throw new ProjectionCheckpointMovedException(projection, version, expectedPosition, actual);
        }
        var upserts = changes.Where(c => c.Document is not null).ToArray();
        var deletes = changes.Where(c => c.Document is null).Select(c => c.Key).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (upserts.Length > 0)
        {
            batch.BatchCommands.Add(BatchCommand($"""
                INSERT INTO {_s}.projection_rows (projection, version, key, document, position)
                SELECT $1, $2, k, d, $5 FROM unnest($3::text[], $4::text[]) AS r(k, d)
                ON CONFLICT (projection, version, key) DO UPDATE SET document = excluded.document, position = excluded.position
                """, projection, version, upserts.Select(c => c.Key).ToArray(), upserts.Select(c => c.Document!).ToArray(), position));
        }
        if (deletes.Length > 0)
        {
            batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.projection_rows WHERE projection = $1 AND version = $2 AND key = ANY($3)", projection, version, deletes));
        }
        // The first commit of a version inserts its checkpoint without ON CONFLICT: a runner that raced us
        // to it then fails on the primary key (an upsert would wait for our row and overwrite it, so both
        // would apply the same events). Later commits update the row locked above.
        batch.BatchCommands.Add(stored is null
            ? BatchCommand($"INSERT INTO {_s}.projection_checkpoints (projection, version, position, updated) VALUES ($1, $2, $3, $4)", projection, version, position, clock.GetUtcNow().UtcDateTime)
            : BatchCommand($"UPDATE {_s}.projection_checkpoints SET position = $3, updated = $4 WHERE projection = $1 AND version = $2", projection, version, position, clock.GetUtcNow().UtcDateTime));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure)
        {
            // Another runner created this version's checkpoint between our read and our write.
            throw new ProjectionCheckpointMovedException(projection, version, expectedPosition, (await ReadCheckpointAsync(projection, version, cancellationToken).ConfigureAwait(false))?.Position ?? 0);
        }
        if (changes.Count >= AnalyzeAfter)
        {
            await AnalyzeAsync(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A commit this large (a dyad's stored claim rows, a million-event rebuild) is followed by ANALYZE: until the
    /// server's autovacuum gets to it, the planner knows nothing of the new rows, and the next process's reads of a
    /// few keys took 180-280 ms each on a table of 1.8M rows where they take 0.1 ms (the first cold `bt timeline`
    /// after writing a 1M-event dyad's rows: 1.7-2.5 s instead of 0.45-0.7 s).
    /// </summary>
    public const int AnalyzeAfter = 50_000;

    private async Task AnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await using var analyze = Command(connection, null, $"ANALYZE {_s}.projection_rows, {_s}.projection_checkpoints");
            await analyze.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException)
        {
            // The rows are committed; statistics the server gathers later only make the next reads slower until then.
        }
    }

    public async Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT key, document, position FROM {_s}.projection_rows WHERE projection = $1 AND version = $2 AND position > $3 ORDER BY position, key", projection, version, afterPosition);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ProjectionRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ProjectionRow(reader.GetString(0), reader.GetString(1), version, reader.GetInt64(2)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT key, document, position FROM {_s}.projection_rows WHERE projection = $1 AND version = $2 AND key = ANY($3) ORDER BY key", projection, version, keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<ProjectionRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new ProjectionRow(reader.GetString(0), reader.GetString(1), version, reader.GetInt64(2)));
        }
        return rows;
    }

    public async Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT version FROM {_s}.projection_live WHERE projection = $1", projection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : null;
    }

    public async Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = expectedLive is { } expected
            ? Command(connection, null, $"UPDATE {_s}.projection_live SET version = $2 WHERE projection = $1 AND version = $3", projection, version, expected)
            : Command(connection, null, $"INSERT INTO {_s}.projection_live (projection, version) VALUES ($1, $2) ON CONFLICT (projection) DO NOTHING", projection, version);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Locking the live row first means a concurrent swap cannot make this version live while it is dropped.
        await using (var live = Command(connection, transaction, $"SELECT version FROM {_s}.projection_live WHERE projection = $1 FOR UPDATE", projection))
        {
            if (await live.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int current && current == version)
            {
                throw new InvalidOperationException($"projection '{projection}' v{version} is live; swap another version in before dropping it");
            }
        }
        // Then the checkpoint, before any row: a commit locks it before writing rows, so deleting the rows
        // first would hold what that commit waits for while waiting for what it holds (40P01 under eight
        // concurrent imports, one of them rebuilding the decider index while another caught it up).
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(BatchCommand($"SELECT position FROM {_s}.projection_checkpoints WHERE projection = $1 AND version = $2 FOR UPDATE", projection, version));
        batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.projection_rows WHERE projection = $1 AND version = $2", projection, version));
        batch.BatchCommands.Add(BatchCommand($"DELETE FROM {_s}.projection_checkpoints WHERE projection = $1 AND version = $2", projection, version));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT version FROM {_s}.projection_checkpoints WHERE projection = $1 ORDER BY version", projection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => PostgresConnections.OpenAsync(at, cancellationToken);

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values) =>
        PostgresConnections.Command(connection, transaction, sql, values);

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
