using System.Text.RegularExpressions;
using BilateralTimeline.Cli.Tests.Support;
using Npgsql;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// bt on the PostgreSQL store, against the server infra/test.sh starts (BT_TEST_POSTGRES); without it
/// these tests fail, never skip. Each test works in a schema of its own.
/// </summary>
public sealed partial class PostgresStoreTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    private static string Server =>
        TestPostgres.ConnectionString;

    private string FreshConnection()
    {
        var schema = $"cli_{Guid.NewGuid():N}"[..24];
        _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(Server) { SearchPath = schema }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Copy_round_trips_a_store_sqlite_to_postgres_to_sqlite_with_identical_verify_heads()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var postgres = FreshConnection();

        var there = await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"postgres:{postgres}");
        var back = await bt.BtRaw("copy", "--from", $"postgres:{postgres}", "--to", $"sqlite:{bt.PathOf("back.db")}");
        var heads = new[]
        {
            await bt.BtRaw("verify", "--db", bt.Db),
            await bt.BtRaw("verify", "--store", "postgres", "--connection", postgres),
            await bt.BtRaw("verify", "--db", bt.PathOf("back.db")),
        };

        Assert.True(there.ExitCode == 0, there.ToString());
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.All(heads, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var head = Head(heads[0].Stdout);
        Assert.All(heads, run => Assert.Equal(head, Head(run.Stdout)));
        Assert.Equal((await bt.Events(bt.Db)).ToJsonString(), (await bt.Events(bt.PathOf("back.db"))).ToJsonString());
    }

    [Fact]
    public async Task Every_query_gives_the_same_answer_on_postgres_as_on_sqlite()
    {
        using var bt = new BtSandbox();
        var postgres = FreshConnection();
        var file = bt.WriteFile("a.claims.json", Fixture.Document("a"));
        Assert.Equal(0, (await bt.Bt("import", file)).ExitCode);
        var import = await bt.BtRaw("--store", "postgres", "--connection", postgres, "import", file);
        Assert.True(import.ExitCode == 0, import.ToString());

        foreach (var query in new[] { new[] { "timeline" }, ["state", "--as-of", "2023-02-01"], ["sources"], ["contradictions"], ["trace", "a-01"] })
        {
            var onSqlite = await bt.Bt([.. query, "--format", "json"]);
            var onPostgres = await bt.BtRaw(["--store", "postgres", "--connection", postgres, .. query, "--format", "json"]);
            Assert.True(onPostgres.ExitCode == 0, onPostgres.ToString());
            Assert.Equal(Normalise(onSqlite.Stdout), Normalise(onPostgres.Stdout));
        }
    }

    [Fact]
    public async Task BT_STORE_and_BT_CONNECTION_choose_the_store_when_no_option_is_given()
    {
        using var bt = new BtSandbox();
        var postgres = FreshConnection();
        var file = bt.WriteFile("a.claims.json", Fixture.Document("a"));
        Assert.Equal(0, (await bt.BtRaw("--store", "postgres", "--connection", postgres, "import", file)).ExitCode);

        var run = await BtProcess.RunAsync(bt.Folder, ["verify"], new Dictionary<string, string> { ["BT_STORE"] = "postgres", ["BT_CONNECTION"] = postgres });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("verify: OK", run.Stdout);
        Assert.False(File.Exists(bt.PathOf("default.db")), "the run used the default SQLite file instead of PostgreSQL");
    }

    [Fact]
    public async Task Copying_into_a_store_that_holds_events_is_refused_and_changes_nothing()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var postgres = FreshConnection();
        Assert.Equal(0, (await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"postgres:{postgres}")).ExitCode);
        var before = await bt.BtRaw("verify", "--store", "postgres", "--connection", postgres);

        var again = await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"postgres:{postgres}");

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("already holds", again.Stderr);
        Assert.Equal(before.Stdout, (await bt.BtRaw("verify", "--store", "postgres", "--connection", postgres)).Stdout);
    }

    [Fact]
    public async Task A_tampered_source_is_not_copied_and_the_target_stays_empty()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var postgres = FreshConnection();
        Assert.Equal(0, (await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"postgres:{postgres}")).ExitCode);
        var schema = new NpgsqlConnectionStringBuilder(postgres).SearchPath!;
        await ExecuteAsync($"SET session_replication_role = replica; UPDATE \"{schema}\".events SET data = set_byte(data, 3, get_byte(data, 3) # 1) WHERE position = 5;");

        var copy = await bt.BtRaw("copy", "--from", $"postgres:{postgres}", "--to", $"sqlite:{bt.PathOf("copy.db")}");

        Assert.True(copy.ExitCode == 1, copy.ToString());
        Assert.Contains("global position 5", copy.Stderr);
        Assert.Equal("[]", (await bt.Events(bt.PathOf("copy.db"))).ToJsonString());
    }

    [Fact]
    public async Task An_unreachable_server_exits_1_naming_host_and_port_without_a_stack_trace()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("state", "--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=bt;Password=x;Database=timeline");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("cannot reach PostgreSQL at 127.0.0.1:1", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Theory]
    [InlineData("--store", "postgres")]
    [InlineData("--store", "mysql")]
    [InlineData("--store", "postgres", "--connection", "Host=127.0.0.1;Search Path=Robert'); DROP TABLE students;--")]
    public async Task A_store_choice_that_cannot_work_exits_2_or_1_with_the_option_named(params string[] options)
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw([.. options, "state"]);

        Assert.True(run.ExitCode is 1 or 2, run.ToString());
        Assert.Matches("--store|--connection", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Keys_serve_and_rebuild_work_on_postgres_with_projections_and_keys_in_its_schema()
    {
        using var bt = new BtSandbox();
        var postgres = FreshConnection();
        string[] store = ["--store", "postgres", "--connection", postgres];
        Assert.Equal(0, (await bt.BtRaw([.. store, "import", bt.WriteFile("a.claims.json", Fixture.Document("a"))])).ExitCode);
        var analyst = await bt.BtRaw([.. store, "keys", "create", "--role", "analyst", "--name", "desk"]);
        var consumer = await bt.BtRaw([.. store, "keys", "create", "--role", "consumer", "--name", "dashboard"]);
        Assert.True(analyst.ExitCode == 0 && consumer.ExitCode == 0, analyst + "\n" + consumer);

        using var server = BtServe.Start(bt, store);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await BtServe.ListeningAddressAsync(server)) };
            using var asAnalyst = new HttpRequestMessage(HttpMethod.Post, "/api/corrections/retract")
            {
                Content = new StringContent("{\"claimId\":\"a-01\",\"reason\":\"checked against the wire copy\"}", System.Text.Encoding.UTF8, "application/json"),
            };
            asAnalyst.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", analyst.Stdout.Trim());
            using var asConsumer = new HttpRequestMessage(HttpMethod.Get, "/api/state");
            asConsumer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", consumer.Stdout.Trim());

            var retract = await client.SendAsync(asAnalyst);
            var state = await client.SendAsync(asConsumer);
            var rebuild = await bt.BtRaw([.. store, "rebuild", "state"]);

            Assert.True(retract.IsSuccessStatusCode, await retract.Content.ReadAsStringAsync());
            Assert.Equal(System.Net.HttpStatusCode.OK, state.StatusCode);
            Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
            var schema = new NpgsqlConnectionStringBuilder(postgres).SearchPath!;
            Assert.Equal(2L, await ScalarAsync($"SELECT count(*) FROM \"{schema}\".api_keys"));
            Assert.True((long)(await ScalarAsync($"SELECT count(*) FROM \"{schema}\".projection_checkpoints"))! > 0);
            var trace = await bt.BtRaw([.. store, "trace", "a-01", "--format", "json"]);
            Assert.Contains("checked against the wire copy", trace.Stdout);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static string Head(string verifyOutput) => HeadPattern().Match(verifyOutput) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no digest in: {verifyOutput}");

    /// <summary>Recorded times differ between the two imports; everything else must not.</summary>
    private static string Normalise(string json) => RecordedPattern().Replace(json, "\"recorded\": \"…\"");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var schema in _schemas)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    [GeneratedRegex("digest ([0-9a-f]{64})")]
    private static partial Regex HeadPattern();

    [GeneratedRegex("\"(recorded|recordedAt|knownSince|at)\": \"[^\"]*\"")]
    private static partial Regex RecordedPattern();
}
