using BilateralTimeline.Application.Ports;
using Microsoft.Data.Sqlite;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// <see cref="IProjectionStore"/> in the store's SQLite file. A commit is one IMMEDIATE transaction that
/// checks the checkpoint, writes the rows and moves the checkpoint; WAL readers see the last commit
/// without waiting for it.
/// </summary>
public sealed class SqliteProjectionStore : IProjectionStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _clock;

    private SqliteProjectionStore(string connectionString, TimeProvider clock)
    {
        _connectionString = connectionString;
        _clock = clock;
    }

    /// <summary>Opens the projection tables of the store at <paramref name="path"/>, creating them on first use.</summary>
    public static SqliteProjectionStore Open(string path, TimeProvider clock) => new(SqliteServingSchema.Prepare(path), clock);

    public async Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT position, updated FROM projection_checkpoints WHERE projection = $p AND version = $v;", ("$p", projection), ("$v", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ProjectionCheckpoint(projection, version, reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    public async Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long actual;
        await using (var read = Command(connection, transaction, "SELECT position FROM projection_checkpoints WHERE projection = $p AND version = $v;", ("$p", projection), ("$v", version)))
        {
            actual = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long stored ? stored : 0;
        }
        if (actual != expectedPosition)
        {
            throw new ProjectionCheckpointMovedException(projection, version, expectedPosition, actual);
        }
        cancellationToken.ThrowIfCancellationRequested();
        SqliteRowWriter.Write(connection, projection, version, position, changes);
        await using (var move = Command(connection, transaction, """
            INSERT INTO projection_checkpoints (projection, version, position, updated) VALUES ($p, $v, $pos, $t)
            ON CONFLICT (projection, version) DO UPDATE SET position = excluded.position, updated = excluded.updated;
            """, ("$p", projection), ("$v", version), ("$pos", position), ("$t", _clock.GetUtcNow().ToUnixTimeMilliseconds())))
        {
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT key, document, position FROM projection_rows WHERE projection = $p AND version = $v AND position > $after ORDER BY position, key;", ("$p", projection), ("$v", version), ("$after", afterPosition));
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
        // The keys go in as one JSON array parameter: no statement text built from data, and no limit on the number of host parameters.
        await using var command = Command(connection, null, "SELECT key, document, position FROM projection_rows WHERE projection = $p AND version = $v AND key IN (SELECT value FROM json_each($keys)) ORDER BY key;",
            ("$p", projection), ("$v", version), ("$keys", System.Text.Json.JsonSerializer.Serialize(keys)));
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
        await using var command = Command(connection, null, "SELECT version FROM projection_live WHERE projection = $p;", ("$p", projection));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long version ? (int)version : null;
    }

    public async Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = expectedLive is { } expected
            ? Command(connection, null, "UPDATE projection_live SET version = $v WHERE projection = $p AND version = $e;", ("$p", projection), ("$v", version), ("$e", expected))
            : Command(connection, null, "INSERT INTO projection_live (projection, version) VALUES ($p, $v) ON CONFLICT (projection) DO NOTHING;", ("$p", projection), ("$v", version));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        if (await ReadLiveVersionAsync(projection, cancellationToken).ConfigureAwait(false) == version)
        {
            throw new InvalidOperationException($"projection '{projection}' v{version} is live; swap another version in before dropping it");
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var rows = Command(connection, transaction, "DELETE FROM projection_rows WHERE projection = $p AND version = $v;", ("$p", projection), ("$v", version)))
        {
            await rows.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var checkpoint = Command(connection, transaction, "DELETE FROM projection_checkpoints WHERE projection = $p AND version = $v;", ("$p", projection), ("$v", version)))
        {
            await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT version FROM projection_checkpoints WHERE projection = $p ORDER BY version;", ("$p", projection));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
