using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt bench from the built bt.dll: what it prints and the stores it leaves behind. Never its timings.</summary>
public sealed class BenchTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(8);

    private static readonly string[] Operations =
    [
        "retract (cli, cold)",
        "state --as-of --known-at (cli, cold)",
        "state --as-of, right after a write (cli, cold)",
        "timeline --as-of --known-at (cli, cold)",
        "timeline --as-of, right after a write (cli, cold)",
        "POST /api/claims (api, warm)",
        "POST /api/corrections/retract (api, warm)",
        "GET /api/state?asOf&knownAt (api, warm)",
        "GET /api/timeline?asOf&knownAt&limit=200 (api, warm, one page)",
        "GET /api/timeline?asOf&knownAt&limit=10000 (api, warm, largest page)",
        "desk: a record, a state, a page about now, in turn (api, warm)",
    ];

    private static readonly string[] Tiny = ["bench", "--workload", "heavy-dyad", "--sizes", "200,400", "--samples", "3", "--import-events", "100", "--runs", "1"];

    [Fact]
    public async Task Heavy_dyad_prints_every_operation_at_each_size_and_leaves_one_store_per_size_in_dir()
    {
        using var bt = new BtSandbox();
        var dir = bt.PathOf("stores");

        var run = await BtProcess.RunAsync(bt.Folder, [.. Tiny, "--dir", dir], timeout: Slow);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var operation in Operations)
        {
            var row = run.Stdout.Split('\n').SingleOrDefault(l => l.Contains(operation, StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for {operation}:\n{run}");
            // One "p50 / p99" cell per size, then the ratio of the largest to the smallest.
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(row, @"(\d[\d,.]*|–) / (\d[\d,.]*|–)").Count);
            Assert.Matches(@"\d+\.\d\d×", row);
        }
        Assert.Contains("200 events", run.Stdout);
        Assert.Contains("400 events", run.Stdout);
        Assert.Matches(@"import of 100 events \(validation included, cold bt import\) into the dyad of 400: [\d,]+ events/s", run.Stdout);
        // The memory targets' figures: the warm server's peak and a cold query's, at each size.
        Assert.Matches(@"peak memory, MB \(median of runs\): bt serve [^;]*200 \d[\d,]*, 400 \d[\d,]*; a cold bt state or bt timeline [^:]*: 200 \d[\d,]*, 400 \d[\d,]*", run.Stdout.Replace("\n", " ", StringComparison.Ordinal));
        Assert.Contains("dyad of 400 events", run.Stderr);
        // Redirected, as in a log: a line per phase with the time since the start, so a long run says where it is.
        Assert.Matches(@"\[\d\d:\d\d\] state projection 400 \(bt rebuild state\) \d+ ?%", run.Stderr);
        Assert.Matches(@"\[\d\d:\d\d\] 400: bt serve building its query index", run.Stderr);
        Assert.Matches(@"\[\d\d:\d\d\] 400: api record \d+ ?%", run.Stderr);
        foreach (var size in new[] { 200, 400 })
        {
            var store = Path.Combine(dir, $"dyad-{size}.db");
            Assert.True(File.Exists(store), $"{store} was not kept:\n{run}");
            var verify = await bt.BtRaw("verify", "--db", store);
            Assert.True(verify.ExitCode == 0, verify.ToString());
            var state = await bt.BtRaw("state", "--db", store, "--dyad", "AZE-IRN", "--as-of", "2020-01-01", "--format", "json");
            Assert.True(state.ExitCode == 0, state.ToString());
            Assert.True((int)JsonNode.Parse(state.Stdout)!["claimsConsidered"]! > 0, state.Stdout);
        }
        Assert.Empty(Directory.GetDirectories(dir, "import-run*"));
    }

    [Fact]
    public async Task Heavy_dyad_json_has_every_operation_at_each_size_the_ratio_and_the_import()
    {
        using var bt = new BtSandbox();

        var run = await BtProcess.RunAsync(bt.Folder, [.. Tiny, "--format", "json"], timeout: Slow);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("heavy-dyad", (string?)report["workload"]);
        Assert.Equal([200L, 400L], report["sizes"]!.AsArray().Select(s => (long)s!).ToArray());
        var operations = report["operations"]!.AsArray();
        Assert.Equal(Operations, operations.Select(o => (string)o!["name"]!).ToArray());
        foreach (var operation in operations)
        {
            var name = (string)operation!["name"]!;
            var cold = name.Contains("cli", StringComparison.Ordinal);
            var sizes = operation["sizes"]!.AsArray();
            Assert.Equal([200L, 400L], sizes.Select(s => (long)s!["events"]!).ToArray());
            // Cold: --samples processes; warm: --samples requests from each of the 4 clients (the desk: of each of its 3 kinds).
            var requests = cold ? 3 : name.StartsWith("desk", StringComparison.Ordinal) ? 36 : 12;
            foreach (var size in sizes)
            {
                Assert.Equal(requests, (int)size!["requests"]!);
                var errors = (int)size["errors"]!;
                if (!name.StartsWith("POST", StringComparison.Ordinal))
                {
                    Assert.True(errors == 0, $"{name} failed:\n{size}");
                }
                Assert.True(errors == requests || size["p50Ms"] is JsonValue, $"{name}: no p50 although some requests succeeded:\n{size}");
                Assert.True(errors == requests || size["p99Ms"] is JsonValue, $"{name}: no p99 although some requests succeeded:\n{size}");
                Assert.Single(size["runs"]!.AsArray());
            }
            Assert.True(operation["ratioP50"] is JsonValue || sizes.Any(s => (int)s!["errors"]! == requests), $"{name} has no ratio");
        }
        var memory = report["memory"]!.AsArray();
        Assert.Equal([200L, 400L], memory.Select(m => (long)m!["events"]!));
        foreach (var size in memory)
        {
            // A .NET process holds tens of MB before it does anything; no query of a 400-event dyad needs gigabytes.
            Assert.InRange((double)size!["servePeakMb"]!, 20, 4096);
            Assert.InRange((double)size["queryPeakMb"]!, 20, 4096);
            Assert.Single(size["runs"]!.AsArray());
        }
        var import = report["import"]!;
        Assert.Equal(100L, (long)import["events"]!);
        Assert.Equal(400L, (long)import["intoDyadOf"]!);
        Assert.True((double)import["eventsPerSecond"]! > 0);
        Assert.Empty(report["stores"]!.AsArray());
    }

    [Fact]
    public async Task Spread_json_gives_each_run_the_replay_cpu_the_heap_kept_and_the_rebuild_of_the_state_projection()
    {
        using var bt = new BtSandbox();

        var run = await BtProcess.RunAsync(bt.Folder, ["bench", "--events", "3000", "--streams", "3", "--runs", "1", "--format", "json"], timeout: Slow);

        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonNode.Parse(run.Stdout)!;
        var first = report["runs"]![0]!;
        Assert.True((double)first["replayCpuMicrosecondsPerEvent"]! > 0, run.Stdout);
        Assert.True((double)first["replayHeapBytesPerEvent"]! > 0, run.Stdout);
        Assert.True((double)first["rebuildEventsPerSecond"]! > 0, run.Stdout);
        Assert.True((double)report["medians"]!["rebuild state projection (bt rebuild)"]! > 0, run.Stdout);
    }

    [Fact]
    public async Task Spread_with_one_stream_keeps_its_store_in_dir_for_queries_by_hand()
    {
        using var bt = new BtSandbox();
        var dir = bt.PathOf("spread");

        var run = await BtProcess.RunAsync(bt.Folder, ["bench", "--events", "3000", "--streams", "1", "--runs", "1", "--dir", dir, "--format", "json"], timeout: Slow);

        Assert.True(run.ExitCode == 0, run.ToString());
        var store = Path.Combine(dir, "bench-run1.db");
        Assert.True(File.Exists(store), run.ToString());
        var verify = await bt.BtRaw("verify", "--db", store);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("3000 events", verify.Stdout.Replace(",", "", StringComparison.Ordinal));
        var state = await bt.BtRaw("state", "--db", store, "--as-of", "2020-01-01", "--format", "json");
        Assert.True(state.ExitCode == 0, state.ToString());
        Assert.True((int)JsonNode.Parse(state.Stdout)!["claimsConsidered"]! > 0, state.Stdout);
    }

    [Fact]
    public async Task Bench_help_teaches_both_workloads_and_what_each_figure_means()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("bench", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var text in new[] { "--workload", "heavy-dyad", "spread", "--sizes", "--samples", "--runs", "--ready-within", "--import-events", "p50", "p99", "flat is 1.0×", "dyad-N.db", "built once", "Peak memory in MB" })
        {
            Assert.Contains(text, run.Stdout);
        }
    }

    [Fact]
    public async Task Heavy_dyad_stops_with_exit_1_naming_what_the_server_was_doing_when_it_is_not_ready_within_the_bound()
    {
        using var bt = new BtSandbox();

        var run = await BtProcess.RunAsync(bt.Folder, ["bench", "--workload", "heavy-dyad", "--sizes", "200", "--samples", "1", "--import-events", "0", "--runs", "1", "--ready-within", "0.001"], timeout: Slow);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("was not ready within 0.001 s (--ready-within); last seen: waiting for it to listen", run.Stderr);
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
    }

    [Theory]
    [InlineData("--ready-within", "0")]
    [InlineData("--workload", "heavy")]
    [InlineData("--sizes", "10")]
    [InlineData("--sizes", "1k")]
    public async Task Heavy_dyad_refuses_what_it_cannot_run_with_exit_2(string option, string value)
    {
        using var bt = new BtSandbox();
        string[] args = option == "--workload"
            ? ["bench", "--workload", value]
            : ["bench", "--workload", "heavy-dyad", option, value];

        var run = await bt.BtRaw(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(option, run.Stderr);
    }
}
