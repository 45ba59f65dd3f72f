using System.Text.RegularExpressions;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// The real `bt` (bt.dll as a child process) with --store eventstoredb against the stand-in node: the
/// sample articles go in, queries and verify work there, and `bt copy` takes the history to EventStoreDB
/// and back into SQLite with verify passing on every store.
/// </summary>
public sealed partial class BtOnEventStoreDbTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bt-esdb-cli-").FullName;
    private StandInEventStoreDb _node = null!;

    public async Task InitializeAsync() => _node = await StandInEventStoreDb.StartAsync();

    [Fact]
    public async Task Copy_sqlite_to_eventstoredb_and_back_keeps_every_event_and_verifies_everywhere()
    {
        var samples = Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "iran-azerbaijan"), "*.claims.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(0, (await Bt(["--db", "origin.db", "import", .. samples])).ExitCode);

        var there = await Bt("copy", "--from", "sqlite:origin.db", "--to", $"eventstoredb:{_node.ConnectionString}");
        var verifyThere = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "verify");
        var stateThere = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "state", "--as-of", "2023-02-01", "--format", "json");
        var back = await Bt("copy", "--from", $"eventstoredb:{_node.ConnectionString}", "--to", "sqlite:back.db");
        var verifyBack = await Bt("--db", "back.db", "verify");

        Assert.True(there.ExitCode == 0, there.ToString());
        Assert.Contains("re-appended per stream", there.Stdout);
        Assert.True(verifyThere.ExitCode == 0, verifyThere.ToString());
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.True(verifyBack.ExitCode == 0, verifyBack.ToString());
        var stateHere = await Bt("--db", "origin.db", "state", "--as-of", "2023-02-01", "--format", "json");
        // Positions are EventStoreDB's own commit positions there; everything else must be the same.
        Assert.Equal(WithoutPositions(stateHere.Stdout), WithoutPositions(stateThere.Stdout));
        var originIds = Ids(await Bt("--db", "origin.db", "events", "--format", "json"));
        Assert.Equal(133, originIds.Length);
        Assert.Equal(originIds, Ids(await Bt("--db", "back.db", "events", "--format", "json")));
    }

    [Fact]
    public async Task Events_with_no_options_and_from_a_position_where_no_event_is_work_on_eventstoredb()
    {
        // Given the samples on the node (its positions start at 548 and grow by event sizes)
        Assert.Equal(0, (await Bt(["--store", "eventstoredb", "--connection", _node.ConnectionString, "import", .. Samples()])).ExitCode);
        var all = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "events", "--format", "json");
        var positions = PositionsOf(all.Stdout);

        // When
        var fromOne = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "events", "--from", "1", "--format", "json");
        var fromInside = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "events", "--from", $"{positions[0] + 1}", "--max", "2", "--format", "json");

        // Then
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Equal(133, positions.Length);
        Assert.True(fromOne.ExitCode == 0, fromOne.ToString());
        Assert.Equal(positions, PositionsOf(fromOne.Stdout));
        Assert.True(fromInside.ExitCode == 0, fromInside.ToString());
        Assert.Equal(positions[1..3], PositionsOf(fromInside.Stdout));
    }

    [Fact]
    public async Task An_import_cut_off_by_a_dead_server_has_printed_what_landed_and_names_the_file_in_flight()
    {
        // Given a node that dies right after answering the first file's append
        var samples = Samples();
        _node.StopAfterAppends = 1;

        // When
        var run = await Bt(["--store", "eventstoredb", "--connection", _node.ConnectionString + "&maxDiscoverAttempts=1", "import", .. samples]);

        // Then the first file's line was printed, and the last line says what landed and what was in flight
        // (exit 3: no node answered even after waiting, so trying again later is the remedy)
        Assert.True(run.ExitCode == 3, run.ToString());
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith($"{samples[0]}: ", StringComparison.Ordinal) && l.Contains("events appended", StringComparison.Ordinal));
        Assert.StartsWith($"error: import stopped at {samples[1]}, which was in flight", lines[^1], StringComparison.Ordinal);
        Assert.Contains($"1 of {samples.Length} file(s) landed before it", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_benchmark_runs_its_whole_workload_against_a_server_under_a_fresh_prefix()
    {
        var run = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "bench", "--events", "3000", "--streams", "1200", "--batch", "200", "--runs", "1", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = System.Text.Json.JsonDocument.Parse(run.Stdout).RootElement.GetProperty("runs")[0];
        Assert.Equal("event-store-db", result.GetProperty("store").GetString());
        Assert.All(new[] { "sequentialSingleAppendsPerSecond", "singleAppendsPerSecond", "batchedEventsPerSecond", "readEventsPerSecond", "replayEventsPerSecond", "copyEventsPerSecond" },
            name => Assert.True(result.GetProperty(name).GetDouble() > 0, $"{name} is not positive"));
        // The run's events and its copy's are all on the node, under two prefixes of their own.
        Assert.Equal(6000, _node.EventCount);
    }

    [Fact]
    public async Task A_benchmark_with_1000_streams_or_fewer_says_which_phases_did_not_run_instead_of_0_per_second()
    {
        // --streams 300 sends every stream to the 1-writer phase (it takes the first 1,000)
        var table = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "bench", "--events", "600", "--streams", "300", "--batch", "100", "--runs", "1");

        Assert.True(table.ExitCode == 0, table.ToString());
        var writersRow = table.Stdout.Split('\n').Single(l => l.Contains("single durable appends, 8 writers", StringComparison.Ordinal) && l.Contains('│', StringComparison.Ordinal));
        Assert.Contains("did not run", writersRow, StringComparison.Ordinal);
        Assert.DoesNotContain(" 0 appends/s", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("did not run: single durable appends, 8 writers: all 300 streams went to the 1-writer phase", table.Stdout, StringComparison.Ordinal);
        var firstRow = table.Stdout.Split('\n').Single(l => l.Contains("single durable appends, 1 writer", StringComparison.Ordinal) && l.Contains('│', StringComparison.Ordinal));
        Assert.DoesNotContain("did not run", firstRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_works_with_a_connection_string_naming_only_a_follower()
    {
        // Given a cluster, and bt given only one of its followers
        await using var cluster = await StandInCluster.StartAsync();
        var follower = cluster.Nodes[1].ConnectionString;

        // When
        var import = await Bt(["--store", "eventstoredb", "--connection", follower, "import", .. Samples()]);
        var verify = await Bt("--store", "eventstoredb", "--connection", follower, "verify");
        var state = await Bt("--store", "eventstoredb", "--connection", follower, "state");
        var events = await Bt("--store", "eventstoredb", "--connection", follower, "events", "--format", "json");

        // Then
        Assert.All(new[] { import, verify, state, events }, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Equal(133, PositionsOf(events.Stdout).Length);
        Assert.Equal(133, cluster.Leader.EventCount);
    }

    [Fact]
    public async Task A_malformed_esdb_connection_string_exits_2_naming_the_option()
    {
        var run = await Bt("--store", "eventstoredb", "--connection", "esdb://127.0.0.1:2113?tls=false&keepAliveTimeout=5", "state");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("keepAliveTimeout", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Serving_on_eventstoredb_without_a_read_model_store_is_refused_naming_the_stores_that_can_serve()
    {
        var run = await Bt("--store", "eventstoredb", "--connection", _node.ConnectionString, "keys", "create", "--role", "consumer", "--name", "x");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--store sqlite or --store postgres", run.Stderr);
        Assert.Contains("--projections sqlite:PATH", run.Stderr);
    }

    private static string[] Samples() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "iran-azerbaijan"), "*.claims.json").Order(StringComparer.Ordinal).ToArray();

    private static long[] PositionsOf(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.GetProperty("position").GetInt64()).ToArray();

    private static string WithoutPositions(string json) => PositionPattern().Replace(json, "\"$1\": …");

    private static string[] Ids(BtResult run) => IdPattern().Matches(run.Stdout).Select(m => m.Groups[1].Value).ToArray();

    private Task<BtResult> Bt(params string[] args) => BtChild.RunAsync(BtDll, _folder, args, TimeSpan.FromSeconds(120));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BilateralTimeline.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (BilateralTimeline.sln) is not above the test binaries");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"""(\w*[Pp]osition\w*)"": (\d+|\[[^\]]*\])")]
    private static partial Regex PositionPattern();

    [GeneratedRegex("\"eventId\": \"([0-9a-f-]{36})\"")]
    private static partial Regex IdPattern();

    /// <summary>
    /// bt.dll in the CLI project's own output for the configuration these tests were built in: this
    /// project runs on ASP.NET Core's shared framework, so a copy beside it would miss its packages.
    /// </summary>
    private static string BtDll
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepositoryRoot(), "src", "BilateralTimeline.Cli", "bin", output.Parent!.Name, output.Name, "bt.dll");
        }
    }
}
