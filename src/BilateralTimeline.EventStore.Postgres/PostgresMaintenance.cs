using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>Operations on a whole store rather than its events, for throwaway stores such as benchmark runs.</summary>
public static class PostgresMaintenance
{
    /// <summary>Bytes the events table takes with its indexes and TOAST, as PostgreSQL counts them.</summary>
    public static async Task<long> SizeOnDiskAsync(PostgresLocation at, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT pg_total_relation_size('{at.Quoted}.events')", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Asks the server to flush everything to disk now, so that a benchmark run does not pay for the
    /// previous run's writes. Only superusers (or pg_checkpoint members) may; false when refused.
    /// </summary>
    public static async Task<bool> TryCheckpointAsync(PostgresLocation at, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return false;
        }
    }

    /// <summary>Removes the schema and everything in it. Irreversible: only for stores made to be thrown away.</summary>
    public static async Task DropStoreAsync(PostgresLocation at, CancellationToken cancellationToken = default)
    {
        await using var connection = await PostgresConnections.OpenAsync(at, cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {at.Quoted} CASCADE", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
