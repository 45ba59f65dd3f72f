using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Cli.Bench;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class BenchCommand
{
    private sealed record Target(string Name, Func<BenchResult, double> Value, string Format, double Goal, bool HigherIsBetter, string Unit);

    private static readonly Target[] Targets =
    [
        new("single durable appends, 1 writer", r => r.SequentialSingleAppendsPerSecond, "N0", 3_000, true, "appends/s"),
        new($"single durable appends, {BenchRun.ConcurrentWriters} writers", r => r.SingleAppendsPerSecond, "N0", 3_000, true, "appends/s"),
        new("batched appends", r => r.BatchedEventsPerSecond, "N0", 50_000, true, "events/s"),
        new("full replay through projections", r => r.ReplayEventsPerSecond, "N0", 400_000, true, "events/s"),
        new("state --as-of from the database", r => r.StateQuerySeconds, "0.000", 1.5, false, "s"),
        new("state --as-of --known-at vs --as-of alone", r => r.BitemporalQueryCostRatio, "0.00", 1.5, false, "×"),
        new("peak memory (working set)", r => r.PeakWorkingSetMegabytes, "N0", 400, false, "MB"),
        new("bytes per event on disk", r => r.BytesPerEvent, "N0", 450, false, "bytes"),
    ];

    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events per run", DefaultValueFactory = _ => 1_000_000 };
        var streams = new Option<int>("--streams") { Description = "Streams (dyads) per run; each gets one single durable append first", DefaultValueFactory = _ => 10_000 };
        var batch = new Option<int>("--batch") { Description = "Events per batched append", DefaultValueFactory = _ => 1_000 };
        var runs = new Option<int>("--runs") { Description = "Runs, each in its own process on a fresh file; medians are reported", DefaultValueFactory = _ => 3 };
        var dir = new Option<string?>("--dir") { Description = "Folder for the benchmark files (default: a temporary folder, deleted afterwards)", HelpName = "DIR" };
        var oneRun = new Option<string?>("--one-run") { Hidden = true };
        var command = new Command("bench", """
            Benchmark the embedded store on synthetic ledger events: single durable appends/s, batched
            appends/s up to the total, a full streaming replay through the projections, a state query from
            the database, peak memory and bytes per event, as medians over several runs, against the
            targets. Example: bt bench --events 200000 --runs 1   (a quick look)
            """);
        foreach (var option in new Option[] { events, streams, batch, runs, dir, oneRun })
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(oneRun) is { } file)
            {
                var result = await BenchRun.ExecuteAsync(file, parse.GetValue(events), parse.GetValue(streams), parse.GetValue(batch), Report, ct);
                Console.Out.WriteLine(JsonSerializer.Serialize(result, LedgerJson.Options));
                return ExitCodes.Ok;
            }
            if (parse.GetValue(events) < parse.GetValue(streams) || parse.GetValue(streams) < 1 || parse.GetValue(batch) < 1 || parse.GetValue(runs) < 1)
            {
                CommandRunner.Error("--events must be at least --streams, and --streams, --batch and --runs at least 1");
                return ExitCodes.BadInput;
            }
            var folder = parse.GetValue(dir) ?? Directory.CreateTempSubdirectory("bt-bench-").FullName;
            Directory.CreateDirectory(folder);
            var results = new List<BenchResult>();
            try
            {
                for (var run = 1; run <= parse.GetValue(runs); run++)
                {
                    Console.Error.WriteLine($"run {run}/{parse.GetValue(runs)}: {parse.GetValue(events):N0} events over {parse.GetValue(streams):N0} streams …");
                    var path = Path.Combine(folder, $"bench-run{run}.db");
                    results.Add(await RunChild(path, parse.GetValue(events), parse.GetValue(streams), parse.GetValue(batch), ct));
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
                Json.Write(new { runs = results, medians = Targets.ToDictionary(t => t.Name, t => Median(results.Select(t.Value))) });
            }
            else
            {
                Render(results);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(string phase, double fraction)
    {
        if (!Console.IsErrorRedirected)
        {
            Console.Error.Write($"\r  {phase,-16} {fraction,6:P0}   ");
        }
    }

    private static async Task<BenchResult> RunChild(string path, long events, int streams, int batch, CancellationToken ct)
    {
        // A process per run, so each run's peak memory is its own.
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        var entry = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(entry);
        }
        foreach (var arg in new[] { "bench", "--one-run", path, "--events", $"{events}", "--streams", $"{streams}", "--batch", $"{batch}" })
        {
            start.ArgumentList.Add(arg);
        }
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
        var table = new Table { Title = new TableTitle($"bt bench: {results[0].Events:N0} events, {results[0].Streams:N0} streams, batches of {results[0].BatchSize:N0}, {results.Count} run(s)") }
            .Border(TableBorder.Rounded).AddColumn("measure");
        for (var i = 0; i < results.Count; i++)
        {
            table.AddColumn(new TableColumn($"run {i + 1}").RightAligned());
        }
        table.AddColumn(new TableColumn("median").RightAligned()).AddColumn("target").AddColumn("met");
        foreach (var t in Targets)
        {
            var median = Median(results.Select(t.Value));
            var met = t.HigherIsBetter ? median >= t.Goal : median <= t.Goal;
            var cells = new List<string> { t.Name };
            cells.AddRange(results.Select(r => t.Value(r).ToString(t.Format, CultureInfo.InvariantCulture)));
            cells.Add($"{median.ToString(t.Format, CultureInfo.InvariantCulture)} {t.Unit}");
            cells.Add($"{(t.HigherIsBetter ? "≥" : "≤")} {t.Goal.ToString("N1", CultureInfo.InvariantCulture)}");
            cells.Add(met ? "[green]yes[/]" : "[red]no[/]");
            table.AddRow(cells.ToArray());
        }
        Terminal.Out.Write(table);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
