using BilateralTimeline.Cli.Tests.Support;
using Npgsql;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// The same cut on PostgreSQL (BT_TEST_POSTGRES; fails, never skips, without it): before, the head row
/// said 133 while verify reported 132 events as OK, and queries and imports went on.
/// </summary>
public sealed class PostgresCutTailTests : IAsyncLifetime
{
    private readonly string _schema = $"cut_{Guid.NewGuid():N}"[..24];

    private static string Server =>
        TestPostgres.ConnectionString;

    private string Connection => new NpgsqlConnectionStringBuilder(Server) { SearchPath = _schema }.ConnectionString;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await ScalarAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");

    [Fact]
    public async Task A_deleted_last_event_fails_verify_queries_and_imports_and_nothing_is_appended()
    {
        using var bt = new BtSandbox();
        var pg = new[] { "--store", "postgres", "--connection", Connection };
        var first = await bt.BtRaw([.. pg, "import", bt.WriteFile("a.claims.json", Fixture.Document("a"))]);
        Assert.True(first.ExitCode == 0, first.ToString());
        var last = (long)(await ScalarAsync($"SELECT max(position) FROM \"{_schema}\".events"))!;
        // A superuser bypasses the triggers with replication mode.
        await ScalarAsync($"SET session_replication_role = replica; DELETE FROM \"{_schema}\".events WHERE position = {last};");

        var verify = await bt.BtRaw([.. pg, "verify"]);
        var state = await bt.BtRaw([.. pg, "state"]);
        var import = await bt.BtRaw([.. pg, "import", bt.WriteFile("b.claims.json", Fixture.Document("b"))]);

        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains($"BROKEN at position {last}", verify.Stdout);
        Assert.Contains($"the head records position {last}", verify.Stdout);
        Assert.Contains("1 event missing at the tail", verify.Stdout);
        Assert.True(state.ExitCode == 1, state.ToString());
        Assert.Contains($"hash chain is broken at position {last}", state.Stderr);
        Assert.Equal("", state.Stdout.Trim());
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"hash chain is broken at position {last}", import.Stderr);
        Assert.Equal(last - 1, (long)(await ScalarAsync($"SELECT count(*) FROM \"{_schema}\".events"))!);
        Assert.Equal(last, (long)(await ScalarAsync($"SELECT position FROM \"{_schema}\".head"))!);
    }

    private static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
