using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Cli.Bench;
using BilateralTimeline.Cli.Bench.HeavyDyad;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class BenchCommand
{
    /// <summary>A figure, its goal (null: reported only) and, for PostgreSQL, what Marten 9.58 did on the same workload.</summary>
    private sealed record Target(string Name, Func<BenchResult, double?> Value, string Format, double? Goal, bool HigherIsBetter, string Unit, double? Anchor = null);

    /// <summary>The embedded store's targets (issue 2).</summary>
    private static Target[] TargetsOnSqlite(int writers) =>
    [
        new("single durable appends, 1 writer", r => r.SequentialSingleAppendsPerSecond, "N0", 3_000, true, "appends/s"),
        new($"single durable appends, {writers} writers", r => r.SingleAppendsPerSecond, "N0", 3_000, true, "appends/s"),
        new("batched appends", r => r.BatchedEventsPerSecond, "N0", 50_000, true, "events/s"),
        new("read everything back", r => r.ReadEventsPerSecond, "N0", null, true, "events/s"),
        new("full replay through projections", r => r.ReplayEventsPerSecond, "N0", 1_000_000, true, "events/s"),
        new("full replay: CPU time per event", r => r.ReplayCpuMicrosecondsPerEvent, "0.00", null, false, "µs"),
        new("full replay: heap kept per event", r => r.ReplayHeapBytesPerEvent, "N0", null, false, "bytes"),
        new("rebuild state projection (bt rebuild)", r => r.RebuildEventsPerSecond, "N0", null, true, "events/s"),
        new("verbatim copy into a new store", r => r.CopyEventsPerSecond, "N0", null, true, "events/s"),
        new("state --as-of from the database", r => r.StateQuerySeconds, "0.000", 1.5, false, "s"),
        new("state --as-of --known-at vs --as-of alone", r => r.BitemporalQueryCostRatio, "0.00", 1.5, false, "×"),
        new("peak memory (working set)", r => r.PeakWorkingSetMegabytes, "N0", 400, false, "MB"),
        new("bytes per event on disk", r => r.BytesPerEvent, "N0", 450, false, "bytes"),
    ];

    /// <summary>The server store's targets (issue 4), with Marten 9.58's figures on this kind of machine beside them.</summary>
    private static Target[] TargetsOnPostgres(int writers) =>
    [
        new("single durable appends, 1 writer", r => r.SequentialSingleAppendsPerSecond, "N0", 2_000, true, "appends/s", 955),
        new($"single durable appends, {writers} writers", r => r.SingleAppendsPerSecond, "N0", null, true, "appends/s", writers == 8 ? 2_970 : null),
        new("batched appends", r => r.BatchedEventsPerSecond, "N0", 45_000, true, "events/s", 23_300),
        new("read everything back", r => r.ReadEventsPerSecond, "N0", 300_000, true, "events/s", 340_000),
        new("full replay through projections", r => r.ReplayEventsPerSecond, "N0", 500_000, true, "events/s"),
        new("full replay: CPU time per event", r => r.ReplayCpuMicrosecondsPerEvent, "0.00", null, false, "µs"),
        new("full replay: heap kept per event", r => r.ReplayHeapBytesPerEvent, "N0", null, false, "bytes"),
        new("rebuild state projection (bt rebuild)", r => r.RebuildEventsPerSecond, "N0", null, true, "events/s"),
        new("bulk copy (binary COPY) into a new schema", r => r.CopyEventsPerSecond, "N0", 80_000, true, "events/s"),
        new("state --as-of from the database", r => r.StateQuerySeconds, "0.000", 1.5, false, "s"),
        new("state --as-of --known-at vs --as-of alone", r => r.BitemporalQueryCostRatio, "0.00", 1.5, false, "×"),
        new("peak memory (working set)", r => r.PeakWorkingSetMegabytes, "N0", null, false, "MB"),
        new("bytes per event (table, indexes, TOAST)", r => r.BytesPerEvent, "N0", null, false, "bytes", 558),
    ];

    /// <summary>EventStoreDB's figures are reported only: the server, not this code, sets most of them.</summary>
    private static Target[] TargetsOnEventStoreDb(int writers) =>
    [
        new("single durable appends, 1 writer", r => r.SequentialSingleAppendsPerSecond, "N0", null, true, "appends/s"),
        new($"single durable appends, {writers} writers", r => r.SingleAppendsPerSecond, "N0", null, true, "appends/s"),
        new("batched appends", r => r.BatchedEventsPerSecond, "N0", null, true, "events/s"),
        new("read everything back", r => r.ReadEventsPerSecond, "N0", null, true, "events/s"),
        new("full replay through projections", r => r.ReplayEventsPerSecond, "N0", null, true, "events/s"),
        new("copy into a fresh namespace (re-appended)", r => r.CopyEventsPerSecond, "N0", null, true, "events/s"),
        new("state --as-of from the database", r => r.StateQuerySeconds, "0.000", null, false, "s"),
        new("state --as-of --known-at vs --as-of alone", r => r.BitemporalQueryCostRatio, "0.00", null, false, "×"),
        new("peak memory (working set)", r => r.PeakWorkingSetMegabytes, "N0", null, false, "MB"),
    ];

    private static Target[] TargetsFor(BenchResult first) => first.Store switch
    {
        StoreKind.Postgres => TargetsOnPostgres(first.Writers),
        StoreKind.EventStoreDb => TargetsOnEventStoreDb(first.Writers),
        _ => TargetsOnSqlite(first.Writers),
    };

    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events per run", DefaultValueFactory = _ => 1_000_000 };
        var streams = new Option<int>("--streams") { Description = "Streams (dyads) per run; each gets one single durable append first", DefaultValueFactory = _ => 10_000 };
        var batch = new Option<int>("--batch") { Description = "Events per batched append", DefaultValueFactory = _ => 1_000 };
        var runs = new Option<int>("--runs") { Description = "Runs, each in its own process on a fresh store; medians are reported", DefaultValueFactory = _ => 3 };
        var writers = new Option<int?>("--writers") { Description = "Concurrent writers for the second single-append phase. Default: 32 on sqlite, 8 on postgres and eventstoredb" };
        var dir = new Option<string?>("--dir") { Description = "Folder for the SQLite benchmark files (default: a temporary folder, deleted afterwards)", HelpName = "DIR" };
        var oneRun = new Option<string?>("--one-run") { Hidden = true };
        var workload = new Option<string>("--workload") { Description = "spread: many small dyads (the store's throughput); heavy-dyad: one dyad at several sizes (whether a write or query costs more as the history grows)", DefaultValueFactory = _ => Spread, HelpName = "spread|heavy-dyad" };
        var sizes = new Option<string>("--sizes") { Description = "heavy-dyad: the dyad sizes, in events, comma-separated", DefaultValueFactory = _ => "1000,10000,100000,1000000", HelpName = "N,N,…" };
        var samples = new Option<int>("--samples") { Description = "heavy-dyad: cold bt processes per CLI operation, and requests per client per API operation, at each size and run", DefaultValueFactory = _ => 10, HelpName = "N" };
        var clients = new Option<int>("--clients") { Description = "heavy-dyad: concurrent API clients", DefaultValueFactory = _ => 4, HelpName = "N" };
        var readyWithin = new Option<double>("--ready-within") { Description = "heavy-dyad: seconds each warm `bt serve` may take to listen, catch its projections up and answer its first query; beyond it the benchmark stops with an error saying what the server was still doing", DefaultValueFactory = _ => 900, HelpName = "SECONDS" };
        var importEvents = new Option<long>("--import-events") { Description = "heavy-dyad: events in the import timed into the largest dyad (0: no import)", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var command = new Command("bench", """
            Benchmark the ledger on synthetic events (the mix an analyst's imports produce: sources,
            occurrences, claims with actors, quotes and dated intervals, links, revisions, corroborations).

            --workload spread (the default): a store's throughput. --events spread over --streams dyads:
            single durable appends/s from one writer and from several, batched appends/s up to the total, a
            full streaming replay through the projections, a verbatim copy into a new store, a state query
            from the database, peak memory and bytes per event, as medians over several runs, against the
            targets. Each run uses a fresh store: a new file for sqlite (left in --dir when given), a new
            schema (dropped afterwards) for postgres. On eventstoredb each run writes under a fresh stream
            prefix (a database cannot be emptied); use a throwaway node, and fewer events if the server is slow.

            --workload heavy-dyad (sqlite): what one busy relationship costs as its history grows. One dyad
            (AZE-IRN) per size in --sizes, each in its own store (--dir D keeps them as D/dyad-N.db, to rerun
            any query or correction by hand). At each size it prints latency p50 and p99 in milliseconds of:
              retract (cli, cold)          a new `bt retract` process, process start included
              state/timeline (cli, cold)   a new `bt state`/`bt timeline` process at a random --as-of and --known-at
              state/timeline right after a write (cli, cold)
                                           a `bt retract` (untimed), then a new `bt state --as-of` and a new
                                           `bt timeline --as-of` about now, which must take the write in
              POST /api/claims, /api/corrections/retract (api, warm)
                                           one `bt serve` on loopback, --clients at once, after a warm-up
                                           (per client 20 records and retracts, 150 states and pages, 2
                                           largest pages: until tiered compilation has optimized the code)
              GET /api/state, /api/timeline (api, warm)   same, at a random asOf and knownAt
              desk (api, warm, about now)  each client records a claim, then asks the state and a page of 200
                                           at a random asOf with no knownAt, in turn (--samples of each), while
                                           the others do too: every answer takes in the writes landed before it
            p50 is the median request, p99 the slowest but one in a hundred (with few samples: the slowest).
            "p50 largest ÷ smallest" says whether an operation's cost grows with the history: flat is 1.0×.
            "failed" counts requests that did not answer 2xx (e.g. a write conflict under concurrency).
            Peak memory in MB (the system's high-water mark, read while each process runs): the warm
            `bt serve` once every API operation was measured, and the largest of the cold `bt state` and
            `bt timeline` processes.
            Then the end-to-end throughput of `bt import` (validation included) of --import-events events
            into a copy of the largest dyad (synced to disk first). With --runs N every figure is the median
            of the N runs.
            --samples N: N cold processes per CLI operation and N requests from each client per API operation,
            at each size in each run (default 10; a percentile over few samples is close to the slowest).
            Each dyad is built once (appended at the store's batched rate, some 50,000 events/s, then its
            decider index and state projection built with `bt rebuild`, and its stored state and timeline
            versions written by one cold `bt state` and `bt timeline`, all untimed) and its store reused by every
            run; the few events a run writes leave its size as it was. Each run at each size starts its own
            `bt serve`, which must listen, catch up and answer a first query within --ready-within seconds,
            or the benchmark stops saying what the server was still doing. Progress goes to stderr with the
            time since the start (a line per phase when stderr is a file). What takes long at 1M events is
            whatever still folds the whole history (cold CLI queries, the server's first query, each state
            projection commit): start with --sizes 1000,10000 (about a minute, mostly the import).

            Examples: bt bench --events 200000 --runs 1   (a quick look at the embedded store)
                      bt bench --events 200000 --streams 1 --runs 1 --dir D   (one dyad of 200k events kept in D)
                      bt bench --workload heavy-dyad --sizes 1000,10000 --runs 1
                      bt bench --workload heavy-dyad --runs 3 --dir D --format json
                      bt bench --store postgres --connection "Host=127.0.0.1;Username=bt;Password=…;Database=bench"
                      bt bench --store eventstoredb --connection esdb://127.0.0.1:2113?tls=false --events 100000 --streams 1000
            """);
        foreach (var option in new Option[] { events, streams, batch, runs, writers, dir, oneRun, workload, sizes, samples, clients, readyWithin, importEvents })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            var selection = CliOptions.Selection(parse);
            var writerCount = parse.GetValue(writers) ?? (selection.Kind == StoreKind.Sqlite ? 32 : 8);
            if (parse.GetValue(oneRun) is { } kind)
            {
                // The child gets its stores through the environment, so a password never shows in a process list.
                var target = StoreSelection.ParseSpec($"{kind}:{Environment.GetEnvironmentVariable(ChildTarget)}", "--one-run") with { Namespace = Environment.GetEnvironmentVariable(ChildNamespace) };
                var copy = StoreSelection.ParseSpec($"{kind}:{Environment.GetEnvironmentVariable(ChildCopyTarget)}", "--one-run") with { Namespace = Environment.GetEnvironmentVariable(ChildCopyNamespace) };
                var result = await BenchRun.ExecuteAsync(target, copy, parse.GetValue(events), parse.GetValue(streams), parse.GetValue(batch), writerCount, Report, ct);
                Console.Out.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Options));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(workload) is not Spread)
            {
                return await HeavyDyadAsync(parse, selection, parse.GetValue(workload)!, parse.GetValue(sizes)!, parse.GetValue(runs), parse.GetValue(samples), parse.GetValue(clients), parse.GetValue(importEvents), parse.GetValue(readyWithin), parse.GetValue(dir), ct);
            }
            if (parse.GetValue(events) < parse.GetValue(streams) || parse.GetValue(streams) < 1 || parse.GetValue(batch) < 1 || parse.GetValue(runs) < 1 || writerCount < 1)
            {
                CommandRunner.Error("--events must be at least --streams, and --streams, --batch, --runs and --writers at least 1");
                return ExitCodes.BadInput;
            }
            var folder = parse.GetValue(dir) ?? Directory.CreateTempSubdirectory("bt-bench-").FullName;
            Directory.CreateDirectory(folder);
            var results = new List<BenchResult>();
            try
            {
                for (var run = 1; run <= parse.GetValue(runs); run++)
                {
                    Console.Error.WriteLine($"run {run}/{parse.GetValue(runs)}: {parse.GetValue(events):N0} events over {parse.GetValue(streams):N0} streams on {selection.Kind.ToString().ToLowerInvariant()} …");
                    var (target, copy) = RunStores(selection, folder, run);
                    if (!await selection.Adapter.TryFlushAsync(selection.Address, ct))
                    {
                        Console.Error.WriteLine("  (the store refused to flush (on PostgreSQL: no CHECKPOINT privilege): this run may pay for the previous run's writes)");
                    }
                    try
                    {
                        results.Add(await RunChild(target, copy, parse.GetValue(events), parse.GetValue(streams), parse.GetValue(batch), writerCount, ct));
                    }
                    finally
                    {
                        await selection.Adapter.DropScratchAsync(target.Address, CancellationToken.None);
                        await selection.Adapter.DropScratchAsync(copy.Address, CancellationToken.None);
                    }
                }
            }
            finally
            {
                if (parse.GetValue(dir) is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(new
                {
                    runs = results,
                    medians = TargetsFor(results[0]).ToDictionary(t => t.Name, t => Median(results.Select(t.Value))),
                    notRun = results[0].NotRun,
                });
            }
            else
            {
                Render(results);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private const string Spread = "spread";
    private const string HeavyDyadName = "heavy-dyad";

    private static async Task<int> HeavyDyadAsync(ParseResult parse, StoreSelection selection, string workload, string sizesText, int runs, int samples, int clients, long importEvents, double readyWithin, string? dir, CancellationToken ct)
    {
        if (workload != HeavyDyadName)
        {
            CommandRunner.Error($"--workload '{workload}' is not a workload; use {Spread} or {HeavyDyadName}");
            return ExitCodes.BadInput;
        }
        if (selection.Kind != StoreKind.Sqlite)
        {
            CommandRunner.Error("--workload heavy-dyad runs on sqlite only for now; its stores are files in --dir");
            return ExitCodes.BadInput;
        }
        var sizes = new List<long>();
        foreach (var part in sizesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 20)
            {
                CommandRunner.Error($"--sizes: '{part}' is not a dyad size; give whole numbers of events, at least 20 each, e.g. --sizes 1000,10000");
                return ExitCodes.BadInput;
            }
            sizes.Add(size);
        }
        sizes = sizes.Distinct().Order().ToList();
        if (sizes.Count == 0 || runs < 1 || samples < 1 || clients < 1 || importEvents < 0)
        {
            CommandRunner.Error("--sizes needs at least one size, --runs, --samples and --clients at least 1, --import-events at least 0");
            return ExitCodes.BadInput;
        }
        if (!(readyWithin > 0) || readyWithin > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            CommandRunner.Error($"--ready-within: {readyWithin.ToString(CultureInfo.InvariantCulture)} is not a number of seconds a server may take to get ready; give more than 0, e.g. --ready-within 900");
            return ExitCodes.BadInput;
        }
        var folder = dir ?? Directory.CreateTempSubdirectory("bt-bench-").FullName;
        Directory.CreateDirectory(folder);
        var plan = new HeavyDyadPlan(sizes, runs, samples, clients, importEvents, Path.GetFullPath(folder), TimeSpan.FromSeconds(readyWithin));
        // Every claim is retracted once: the smallest dyad must hold enough of them for every run.
        var claimsInSmallest = SyntheticLedger.ClaimIds(sizes[0]).LongCount();
        if (claimsInSmallest < plan.RetractsPerSize)
        {
            CommandRunner.Error($"the dyad of {sizes[0]:N0} events holds {claimsInSmallest:N0} claims but the runs retract {plan.RetractsPerSize:N0}; use larger --sizes or fewer --samples, --clients or --runs");
            return ExitCodes.BadInput;
        }
        try
        {
            using var progress = BenchProgress.OnStderr();
            var results = await HeavyDyadWorkload.RunAsync(plan, progress.Report, progress.Say, ct);
            results = dir is null ? results with { Stores = [] } : results;
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(HeavyDyadReport.ToJson(results));
            }
            else
            {
                HeavyDyadReport.Render(results);
            }
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ServerNotReadyException or InvalidOperationException)
        {
            // A server that never got ready, or a bt child that failed: the benchmark cannot go on, and says why instead of a stack trace.
            CommandRunner.Error(e.Message);
            return ExitCodes.Failure;
        }
        finally
        {
            if (dir is null)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private const string ChildTarget = "BT_BENCH_TARGET";
    private const string ChildCopyTarget = "BT_BENCH_COPY_TARGET";
    private const string ChildNamespace = "BT_BENCH_NAMESPACE";
    private const string ChildCopyNamespace = "BT_BENCH_COPY_NAMESPACE";

    /// <summary>A fresh store for one run and a fresh one to copy it into.</summary>
    private static (StoreSelection Target, StoreSelection Copy) RunStores(StoreSelection selection, string folder, int run)
    {
        var target = selection.Adapter.Scratch(selection.Address, folder, $"bench-run{run}");
        var copy = selection.Adapter.Scratch(selection.Address, folder, $"bench-run{run}-copy");
        return (selection with { Target = target.Target, Namespace = target.Namespace, ReadModels = null }, selection with { Target = copy.Target, Namespace = copy.Namespace, ReadModels = null });
    }

    private static void Report(string phase, double fraction)
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write($"\r  {phase,-16} {fraction,6:P0}   ");
        }
    }

    private static async Task<BenchResult> RunChild(StoreSelection target, StoreSelection copy, long events, int streams, int batch, int writers, CancellationToken ct)
    {
        // A process per run, so each run's peak memory is its own.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        var entry = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(entry);
        }
        var kind = target.KindName;
        foreach (var arg in new[] { "bench", "--one-run", kind, "--events", $"{events}", "--streams", $"{streams}", "--batch", $"{batch}", "--writers", $"{writers}" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[ChildTarget] = target.Target;
        start.Environment[ChildCopyTarget] = copy.Target;
        if (target.Namespace is not null)
        {
            start.Environment[ChildNamespace] = target.Namespace;
            start.Environment[ChildCopyNamespace] = copy.Namespace;
        }
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(ct);
        await child.WaitForExitAsync(ct);
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"benchmark run failed with exit code {child.ExitCode}");
        }
        Console.Error.WriteLine();
        return JsonSerializer.Deserialize<BenchResult>(output.Trim().Split('\n')[^1], LedgerJson.Options)!;
    }

    private static void Render(IReadOnlyList<BenchResult> results)
    {
        var first = results[0];
        var targets = TargetsFor(first);
        var anchored = targets.Any(t => t.Anchor is not null);
        var table = new Table { Title = new TableTitle($"bt bench on {first.Store.ToString().ToLowerInvariant()}: {first.Events:N0} events, {first.Streams:N0} streams, batches of {first.BatchSize:N0}, {results.Count} run(s)") }
            .Border(TableBorder.Rounded).AddColumn("measure");
        for (var i = 0; i < results.Count; i++)
        {
            table.AddColumn(new TableColumn($"run {i + 1}").RightAligned());
        }
        table.AddColumn(new TableColumn("median").RightAligned()).AddColumn("target").AddColumn("met");
        if (anchored)
        {
            table.AddColumn(new TableColumn("Marten 9.58").RightAligned());
        }
        foreach (var t in targets)
        {
            var median = Median(results.Select(t.Value));
            var cells = new List<string> { t.Name };
            cells.AddRange(results.Select(r => t.Value(r) is { } value ? value.ToString(t.Format, CultureInfo.InvariantCulture) : "did not run"));
            if (median is not { } value)
            {
                cells.AddRange(["did not run", "", ""]);
            }
            else if (t.Goal is { } goal)
            {
                cells.Add($"{value.ToString(t.Format, CultureInfo.InvariantCulture)} {t.Unit}");
                var met = t.HigherIsBetter ? value >= goal : value <= goal;
                cells.Add($"{(t.HigherIsBetter ? "≥" : "≤")} {goal.ToString("N1", CultureInfo.InvariantCulture)}");
                cells.Add(met ? "[green]yes[/]" : "[red]no[/]");
            }
            else
            {
                cells.Add($"{value.ToString(t.Format, CultureInfo.InvariantCulture)} {t.Unit}");
                cells.Add("(reported)");
                cells.Add("");
            }
            if (anchored)
            {
                cells.Add(t.Anchor is { } anchor ? anchor.ToString("N0", CultureInfo.InvariantCulture) : "");
            }
            table.AddRow(cells.ToArray());
        }
        Terminal.Out.Write(table);
        foreach (var line in first.NotRun)
        {
            Terminal.Out.WriteLine($"did not run: {line}");
        }
    }

    /// <summary>The median of the runs that ran the phase; null when none did.</summary>
    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
