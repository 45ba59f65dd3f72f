using System.Globalization;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Tests.Support;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;
using BilateralTimeline.Testing.Golden;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Old logs keep working: each golden log under tests/golden (the samples' log as an earlier build wrote
/// it) is taken verbatim into a fresh SQLite file and a fresh PostgreSQL schema, through the adapters'
/// history import (`bt copy`'s path), and must verify and answer every checked-in query as it did then,
/// apart from the reviewed differences in its expectations.json. BT_GOLDEN_WRITE rewrites the files
/// (tests/golden/README.md); without it nothing under tests/golden is written.
/// </summary>
public sealed class GoldenLogTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    public static TheoryData<string> Sets => new(GoldenSet.Names());

    [Fact]
    public async Task Golden_sets_are_complete_and_are_rewritten_only_when_BT_GOLDEN_WRITE_asks()
    {
        switch (GoldenSet.WriteMode)
        {
            case null:
                break;
            case "log":
                await GoldenWriter.WriteLogAsync(GoldenSet.Named(Environment.GetEnvironmentVariable("BT_GOLDEN_SET") is { Length: > 0 } name ? name : "samples"));
                goto case "outputs";
            case "outputs":
                foreach (var setName in GoldenSet.Names())
                {
                    await GoldenWriter.WriteOutputsAsync(GoldenSet.Named(setName));
                }
                break;
            default:
                Assert.Fail($"{GoldenSet.WriteVariable}={GoldenSet.WriteMode}: use 'outputs' (rewrite outputs from the checked-in logs) or 'log' (re-import the samples too)");
                break;
        }

        Assert.NotEmpty(GoldenSet.Names());
        foreach (var set in GoldenSet.Names().Select(GoldenSet.Named))
        {
            Assert.NotEmpty(GoldenLog.Read(set.LogPath));
            var queries = set.Queries();
            Assert.Contains(queries, q => q.Name == "verify");
            Assert.All(queries, q => Assert.True(File.Exists(set.OutputPath(q.Name)), $"{set.OutputPath(q.Name)} is missing"));
            Assert.All(GoldenExpectations.Read(set.ExpectationsPath), e => Assert.Contains(queries, q => q.Name == e.Output));
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task A_golden_log_taken_verbatim_into_sqlite_verifies_and_answers_as_it_did(string name)
    {
        var set = GoldenSet.Named(name);
        using var bt = new BtSandbox();
        await using (var store = SqliteEventStore.Open(bt.Db, TimeProvider.System))
        {
            await store.ImportHistoryAsync(GoldenLog.Read(set.LogPath).ToAsyncEnumerable());
        }

        var problems = await GoldenComparison.CompareAsync(set, "sqlite", args => bt.Bt([.. args]));

        Assert.True(problems.Count == 0, GoldenComparison.Explain(set, problems));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task A_golden_log_taken_verbatim_into_postgres_verifies_and_answers_as_it_did(string name)
    {
        var set = GoldenSet.Named(name);
        using var bt = new BtSandbox();
        var connection = FreshSchema();
        await using (var store = await PostgresEventStore.OpenAsync(PostgresLocation.Parse(connection), TimeProvider.System))
        {
            await store.ImportHistoryAsync(GoldenLog.Read(set.LogPath).ToAsyncEnumerable());
        }

        var problems = await GoldenComparison.CompareAsync(set, "postgres", args => bt.BtRaw(["--store", "postgres", "--connection", connection, .. args]));

        Assert.True(problems.Count == 0, GoldenComparison.Explain(set, problems));
    }

    [Fact]
    public async Task A_changed_byte_in_a_golden_event_is_refused_on_the_way_in()
    {
        var set = GoldenSet.Named(GoldenSet.Names().First());
        var events = GoldenLog.Read(set.LogPath).ToList();
        var victim = events[4];
        var data = victim.Data.ToArray();
        data[^2] ^= 1;
        events[4] = victim with { Data = data };
        using var bt = new BtSandbox();
        await using var store = SqliteEventStore.Open(bt.Db, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<CorruptEventException>(() => store.ImportHistoryAsync(events.ToAsyncEnumerable()));

        Assert.Equal(victim.GlobalPosition, refused.GlobalPosition);
    }

    private string FreshSchema()
    {
        var server = TestPostgres.ConnectionString;
        var schema = $"golden_{Guid.NewGuid():N}"[..24];
        _schemas.Add(schema);
        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_schemas.Count == 0)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Writes golden sets; only ever called when BT_GOLDEN_WRITE asks.</summary>
internal static class GoldenWriter
{
    /// <summary>
    /// Corrections after the imports, one append each, so that the log holds every event type this build
    /// writes, not only those an import does.
    /// </summary>
    private static readonly string[][] Corrections =
    [
        ["retract", "c002-28", "--reason", "walkthrough: suppose the 2022 exercises near the border were misreported"],
        ["revise", "c000-36", "--reliability", "C", "--credibility", "4", "--reason", "second outlet, same agency"],
        ["resolve", "c000-05", "c000-27", "--field", "date", "--resolution", "2024", "--reason", "weekday and officials fit 2024"],
        ["redate", "c000-05", "--from", "2024-01-22", "--reason", "weekday and officials fit 2024"],
        ["unlink", "c000-26", "--reason", "a different flight"],
        ["link", "c000-26", "occ-hasanov-visit-tehran-22-january", "--reason", "the flight belongs to the visit"],
        ["supersede", "c002-17", "c002-14", "--reason", "the later report carries the details"],
        ["actors", "identify", "act-amir-abdollahian", "--name", "Hossein Amir-Abdollahian"],
        ["actors", "alias", "act-amir-abdollahian", "حسين أمير عبد اللهيان", "--reason", "the Arabic article's spelling"],
        ["actors", "identify", "act-raisi", "--name", "Ebrahim Raisi"],
        ["actors", "merge", "act-raisi", "act-amir-abdollahian", "--reason", "a wrong merge, kept to show the undo"],
        ["actors", "unmerge", "act-raisi", "--reason", "two people: the president and his foreign minister"],
    ];

    /// <summary>Queries at fixed dates, so that nothing depends on the day the test runs ("now" is 2024-12-31, after every dated claim of the samples).</summary>
    private static IEnumerable<GoldenQuery> Queries(string firstArticle, string imports, string last)
    {
        string[] json = ["--format", "json"];
        yield return new("verify", ["verify", .. json]);
        foreach (var asOf in new[] { "2024-12-31", "2024-02-01", "2023-02-01" })
        {
            yield return new($"timeline-as-of-{asOf}", ["timeline", "--as-of", asOf, "--all", .. json]);
            yield return new($"state-as-of-{asOf}", ["state", "--as-of", asOf, .. json]);
        }
        foreach (var (name, knownAt) in new[] { ("first-article", firstArticle), ("imports", imports) })
        {
            yield return new($"timeline-as-of-2024-02-01-known-at-{name}", ["timeline", "--as-of", "2024-02-01", "--known-at", knownAt, "--all", .. json]);
            yield return new($"state-as-of-2024-02-01-known-at-{name}", ["state", "--as-of", "2024-02-01", "--known-at", knownAt, .. json]);
            yield return new($"state-as-of-2023-02-01-known-at-{name}", ["state", "--as-of", "2023-02-01", "--known-at", knownAt, .. json]);
            yield return new($"actors-as-of-2024-12-31-known-at-{name}", ["actors", "--as-of", "2024-12-31", "--known-at", knownAt, .. json]);
        }
        yield return new("actors-as-of-2024-12-31", ["actors", "--as-of", "2024-12-31", .. json]);
        yield return new("actors-as-of-2024-02-01", ["actors", "--as-of", "2024-02-01", .. json]);
        yield return new("trace-c000-05", ["trace", "c000-05", .. json]);
        yield return new("trace-c002-14", ["trace", "c002-14", .. json]);
        yield return new("trace-c002-28", ["trace", "c002-28", .. json]);
        yield return new("explain-occ-2023-01-attack-aze-embassy-tehran-as-of-2023-02-01", ["explain", "occ-2023-01-attack-aze-embassy-tehran", "--as-of", "2023-02-01", .. json]);
        yield return new("sources", ["sources", .. json]);
        yield return new("contradictions", ["contradictions", .. json]);
        yield return new("diff-imports-to-corrections-as-of-2023-02-01", ["diff", "--known-at", imports, "--known-at", last, "--as-of", "2023-02-01", .. json]);
    }

    /// <summary>Imports the samples with this build, as `bt import` does, and keeps the store's raw events and the queries.</summary>
    public static async Task WriteLogAsync(GoldenSet set)
    {
        using var bt = new BtSandbox();
        var samples = Directory.GetFiles(Path.Combine(GoldenSet.Root, "..", "..", "samples", "iran-azerbaijan"), "*.claims.json").Order(StringComparer.Ordinal).ToArray();
        foreach (var sample in samples)
        {
            // One import per article: each gets its own recording time, which the known-at queries use.
            var import = await bt.Bt("import", "--by", "golden-log", sample);
            Assert.True(import.ExitCode == 0, import.ToString());
        }
        foreach (var correction in Corrections)
        {
            var run = await bt.Bt([.. correction, "--by", "golden-log"]);
            Assert.True(run.ExitCode == 0 && run.Stdout.Contains("recorded 1 event", StringComparison.Ordinal), run.ToString());
        }
        Directory.CreateDirectory(set.Folder);
        var metadata = RawMetadata(bt.Db);
        await using (var store = SqliteEventStore.Open(bt.Db, TimeProvider.System))
        {
            await GoldenLog.WriteAsync(set.LogPath, store.ReadAllAsync(), e => metadata[e.GlobalPosition]);
        }
        var log = GoldenLog.Read(set.LogPath);
        var imports = log[^(Corrections.Length + 1)].Recorded;
        set.WriteQueries(Queries(Iso(log[0].Recorded), Iso(imports), Iso(log[^1].Recorded)),
            $"Written by BT_GOLDEN_WRITE=log: the samples imported one article at a time, then {Corrections.Length} corrections one at a time (GoldenLogTests.Corrections); known-at 'first-article' is the recording time of {Path.GetFileName(samples[0])}, 'imports' that of the last article, before the corrections.");
    }

    /// <summary>Takes the checked-in log verbatim into a fresh SQLite file and keeps what each query prints now; the reviewed expectations are folded in, so they are emptied.</summary>
    public static async Task WriteOutputsAsync(GoldenSet set)
    {
        using var bt = new BtSandbox();
        await using (var store = SqliteEventStore.Open(bt.Db, TimeProvider.System))
        {
            await store.ImportHistoryAsync(GoldenLog.Read(set.LogPath).ToAsyncEnumerable());
        }
        foreach (var query in set.Queries())
        {
            var run = await bt.Bt([.. query.Args]);
            Assert.True(run.ExitCode == 0, run.ToString());
            set.WriteOutput(query.Name, run.Stdout);
        }
        GoldenExpectations.WriteEmpty(set.ExpectationsPath);
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The metadata bytes exactly as the file holds them, by position (the port hands out parsed metadata).</summary>
    private static Dictionary<long, byte[]> RawMetadata(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e.position, m.json FROM events e JOIN event_metadata m ON m.id = e.metadata_id";
        using var reader = command.ExecuteReader();
        var metadata = new Dictionary<long, byte[]>();
        while (reader.Read())
        {
            metadata[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(1);
        }
        return metadata;
    }
}
