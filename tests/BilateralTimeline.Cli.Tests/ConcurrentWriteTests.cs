using System.Diagnostics;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// A desk of analysts writing to one dyad at once, each through their own bt process: writes that name
/// no revision all land (decided again on the newer ledger), writes that share one stale revision do not.
/// On SQLite (one file) and on PostgreSQL (BT_TEST_POSTGRES; fails, never skips, without it).
/// </summary>
public sealed class ConcurrentWriteTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 8;

    private readonly List<string> _schemas = [];

    [Fact]
    public Task Eight_imports_of_different_files_into_one_dyad_at_once_all_land_on_sqlite() =>
        EightImportsAllLand(new BtSandbox(), ["--db"], sqlite: true);

    [Fact]
    public Task Eight_imports_of_different_files_into_one_dyad_at_once_all_land_on_postgres() =>
        EightImportsAllLand(new BtSandbox(), ["--store", "postgres", "--connection", FreshPostgres()], sqlite: false);

    [Fact]
    public Task Eight_retracts_of_different_claims_at_once_all_land_on_sqlite() =>
        EightRetracts(new BtSandbox(), ["--db"], sqlite: true, sharedRevision: false);

    [Fact]
    public Task Eight_retracts_of_different_claims_at_once_all_land_on_postgres() =>
        EightRetracts(new BtSandbox(), ["--store", "postgres", "--connection", FreshPostgres()], sqlite: false, sharedRevision: false);

    [Fact]
    public Task Eight_retracts_sharing_one_expected_revision_exactly_one_lands_on_sqlite() =>
        EightRetracts(new BtSandbox(), ["--db"], sqlite: true, sharedRevision: true);

    [Fact]
    public Task Eight_retracts_sharing_one_expected_revision_exactly_one_lands_on_postgres() =>
        EightRetracts(new BtSandbox(), ["--store", "postgres", "--connection", FreshPostgres()], sqlite: false, sharedRevision: true);

    private async Task EightImportsAllLand(BtSandbox bt, string[] storeOptions, bool sqlite)
    {
        using var _ = bt;
        var store = StoreArgs(bt, storeOptions, sqlite);
        var files = Enumerable.Range(0, Writers).Select(i => bt.WriteFile($"p{i}.claims.json", Fixture.Document($"p{i}"))).ToList();

        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(files.Select(file => bt.BtRaw([.. store, "import", file])));
        clock.Stop();
        output.WriteLine($"{Writers} concurrent imports ({(sqlite ? "sqlite" : "postgres")}): {clock.Elapsed.TotalSeconds:0.00} s wall");

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var perFile = ImportedStore.AppendedCount(runs[0]);
        Assert.All(runs, run => Assert.Equal(perFile, ImportedStore.AppendedCount(run)));
        var events = await EventsAsync(bt, store);
        Assert.Equal(Writers * perFile, events.Count);
        var claims = await ClaimFatesAsync(bt, store);
        Assert.Equal(Enumerable.Range(0, Writers).SelectMany(i => Enumerable.Range(1, 4).Select(n => Fixture.ClaimId($"p{i}", n))).Order(), claims.Keys.Order());
        await AssertVerifiedAsync(bt, store);

        // Each file stays idempotent after the race: importing them all again adds nothing.
        var again = await bt.BtRaw([.. store, "import", .. files]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Writers * perFile, (await EventsAsync(bt, store)).Count);
    }

    private async Task EightRetracts(BtSandbox bt, string[] storeOptions, bool sqlite, bool sharedRevision)
    {
        using var _ = bt;
        var store = StoreArgs(bt, storeOptions, sqlite);
        foreach (var prefix in new[] { "a", "b" })
        {
            var import = await bt.BtRaw([.. store, "import", bt.WriteFile($"{prefix}.claims.json", Fixture.Document(prefix))]);
            Assert.True(import.ExitCode == 0, import.ToString());
        }
        var before = (await EventsAsync(bt, store)).Count;
        var claims = new[] { "a", "b" }.SelectMany(p => Enumerable.Range(1, 4).Select(n => Fixture.ClaimId(p, n))).ToList();
        // One dyad in the store: its last revision is the number of events less one.
        string[] revision = sharedRevision ? ["--expected-revision", (before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];

        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(claims.Select(claim => bt.BtRaw([.. store, "retract", claim, "--reason", $"desk review of {claim}", .. revision])));
        output.WriteLine($"{Writers} concurrent retracts ({(sqlite ? "sqlite" : "postgres")}, shared revision: {sharedRevision}): {clock.Elapsed.TotalSeconds:0.00} s wall");

        var landed = runs.Count(r => r.ExitCode == 0);
        var fates = await ClaimFatesAsync(bt, store);
        var retracted = claims.Where(c => fates[c] == "retracted").ToList();
        if (sharedRevision)
        {
            Assert.True(landed == 1, string.Join("\n", runs.Select(r => r.ToString())));
            Assert.All(runs.Where(r => r.ExitCode != 0), run =>
            {
                Assert.True(run.ExitCode == 3, run.ToString());
                Assert.Contains("conflict", run.Stderr);
            });
            Assert.Equal([claims[Array.FindIndex(runs, r => r.ExitCode == 0)]], retracted);
        }
        else
        {
            Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
            Assert.Equal(claims, retracted);
        }
        Assert.Equal(before + landed, (await EventsAsync(bt, store)).Count);
        await AssertVerifiedAsync(bt, store);
    }

    private static string[] StoreArgs(BtSandbox bt, string[] options, bool sqlite) => sqlite ? [.. options, bt.Db] : options;

    private static async Task<JsonArray> EventsAsync(BtSandbox bt, string[] store)
    {
        var run = await bt.BtRaw([.. store, "events", "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return Assert.IsType<JsonArray>(JsonNode.Parse(run.Stdout));
    }

    /// <summary>Every claim in the ledger with its fate, as <c>bt sources</c> reports them.</summary>
    private static async Task<Dictionary<string, string>> ClaimFatesAsync(BtSandbox bt, string[] store)
    {
        var run = await bt.BtRaw([.. store, "sources", "--dyad", Fixture.Dyad, "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!["sources"]!.AsArray()
            .SelectMany(s => s!["claims"]!.AsArray())
            .ToDictionary(c => c!["claimId"]!.GetValue<string>(), c => c!["fate"]!.GetValue<string>());
    }

    private static async Task AssertVerifiedAsync(BtSandbox bt, string[] store)
    {
        var verify = await bt.BtRaw([.. store, "verify"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    private static string Server =>
        TestPostgres.ConnectionString;

    private string FreshPostgres()
    {
        var schema = $"cw_{Guid.NewGuid():N}"[..24];
        _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(Server) { SearchPath = schema }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schemas.Count == 0)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
