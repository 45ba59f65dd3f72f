using Npgsql;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>Short-lived connections for the serving stores and maintenance, with failures explained like the event store's.</summary>
internal static class PostgresConnections
{
    public static async Task<NpgsqlConnection> OpenAsync(PostgresLocation at, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(at.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw PostgresErrors.Explain(at, e);
        }
    }

    /// <summary>A command with positional parameters ($1, $2, …) in the order given.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
