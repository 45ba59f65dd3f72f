using Npgsql;

namespace BilateralTimeline.Testing;

/// <summary>
/// The PostgreSQL server every test project runs against: the one infra/test.sh started and named in
/// BT_TEST_POSTGRES. Without it the tests fail, never skip: a green run must mean the server backend was
/// exercised. One place, so that the rule and its message cannot drift between projects.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "BT_TEST_POSTGRES";

    /// <exception cref="InvalidOperationException">BT_TEST_POSTGRES is unset or empty.</exception>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need a PostgreSQL server. Run `bash infra/test.sh` (it installs and starts a throwaway one), or start one with `bash infra/postgres.sh start` and export {Variable} with the connection string it prints.");

    /// <summary>A schema name no other test uses: <paramref name="prefix"/> (a few letters) and a fresh id, 24 characters.</summary>
    public static string FreshSchemaName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..24];

    /// <summary>The server's connection string with <paramref name="schema"/> as its search path, as bt takes it.</summary>
    public static string WithSearchPath(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

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

    public static async Task DropSchemasAsync(IEnumerable<string> schemas)
    {
        foreach (var schema in schemas)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }
}
