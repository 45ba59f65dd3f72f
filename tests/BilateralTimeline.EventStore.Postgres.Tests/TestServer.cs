using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against, read by <see cref="TestPostgres"/> (fails, never skips,
/// without BT_TEST_POSTGRES), with the store's own location type on top.
/// </summary>
internal static class TestServer
{
    public static string ConnectionString => TestPostgres.ConnectionString;

    /// <summary>A location in a schema no other test uses.</summary>
    public static PostgresLocation FreshLocation(string prefix = "t") =>
        PostgresLocation.Parse(ConnectionString).WithSchema($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)]);

    public static Task ExecuteAsync(string sql, string? connectionString = null) => TestPostgres.ExecuteAsync(sql, connectionString);

    public static Task<object?> ScalarAsync(string sql, string? connectionString = null) => TestPostgres.ScalarAsync(sql, connectionString);

    public static Task DropAsync(PostgresLocation location) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{location.Schema}\" CASCADE");
}
