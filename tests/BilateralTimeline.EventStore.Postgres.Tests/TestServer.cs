using Npgsql;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the one infra/test.sh started (BT_TEST_POSTGRES). Without
/// it the tests fail, never skip: a green run must mean the server backend was exercised.
/// </summary>
internal static class TestServer
{
    public const string Variable = "BT_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run `bash infra/test.sh` (it installs and starts a throwaway one), or start one with `bash infra/postgres.sh start` and export {Variable} with the connection string it prints.");

    /// <summary>A location in a schema no other test uses.</summary>
    public static PostgresLocation FreshLocation(string prefix = "t") =>
        PostgresLocation.Parse(ConnectionString).WithSchema($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)]);

    public static async Task ExecuteAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static Task DropAsync(PostgresLocation location) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{location.Schema}\" CASCADE");
}
