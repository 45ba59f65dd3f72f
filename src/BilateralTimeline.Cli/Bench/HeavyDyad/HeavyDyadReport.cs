using System.Globalization;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>The heavy-dyad figures: medians over the runs of each run's p50 and p99, per operation and size.</summary>
internal static class HeavyDyadReport
{
    public static object ToJson(HeavyDyadResults results)
    {
        var plan = results.Plan;
        return new
        {
            workload = "heavy-dyad",
            store = "sqlite",
            dyad = DyadBuilder.Dyad.ToString(),
            sizes = plan.Sizes,
            runs = plan.Runs,
            samples = plan.Samples,
            clients = plan.Clients,
            operations = Operations.All.Select(op => new
            {
                name = op,
                sizes = plan.Sizes.Select((size, i) => new
                {
                    events = size,
                    p50Ms = Number(MedianP50(results, op, i)),
                    p99Ms = Number(MedianP99(results, op, i)),
                    requests = results.Runs.Sum(r => r[i].Operations[op].Requests),
                    errors = results.Runs.Sum(r => r[i].Operations[op].Errors),
                    runs = results.Runs.Select(r => r[i].Operations[op]).Select(l => new { p50Ms = Number(l.P50Ms), p99Ms = Number(l.P99Ms), requests = l.Requests, errors = l.Errors, failures = l.Failures }).ToList(),
                }).ToList(),
                ratioP50 = Number(Ratio(results, op)),
            }).ToList(),
            memory = plan.Sizes.Select((size, i) => new
            {
                events = size,
                servePeakMb = ServePeak(results, i),
                queryPeakMb = QueryPeak(results, i),
                runs = results.Runs.Select(r => new { servePeakMb = r[i].ServePeakMegabytes, queryPeakMb = r[i].QueryPeakMegabytes }).ToList(),
            }).ToList(),
            import = results.Imports.Count == 0 ? null : new
            {
                events = results.Imports[0].Events,
                intoDyadOf = results.Imports[0].IntoDyadOf,
                eventsPerSecond = Median(results.Imports.Select(i => i.EventsPerSecond)),
                seconds = Median(results.Imports.Select(i => i.Seconds)),
                runs = results.Imports.Select(i => new { i.Events, i.Seconds, i.EventsPerSecond }).ToList(),
            },
            stores = results.Stores,
        };
    }

    public static void Render(HeavyDyadResults results)
    {
        var plan = results.Plan;
        var table = new Table
        {
            Title = new TableTitle($"bt bench --workload heavy-dyad on sqlite: one dyad at each size, {plan.Samples} cold runs / {plan.Samples}×{plan.Clients} warm requests per operation, {plan.Runs} run(s), medians"),
        }.Border(TableBorder.Rounded).AddColumn("operation (latency p50 / p99, ms)");
        foreach (var size in plan.Sizes)
        {
            table.AddColumn(new TableColumn($"{size:N0} events").RightAligned());
        }
        table.AddColumn(new TableColumn($"p50 {plan.Sizes[^1]:N0} ÷ {plan.Sizes[0]:N0}").RightAligned()).AddColumn(new TableColumn("failed (HTTP status×count)").RightAligned());
        foreach (var op in Operations.All)
        {
            var cells = new List<string> { Markup.Escape(op) };
            cells.AddRange(plan.Sizes.Select((_, i) => $"{Ms(MedianP50(results, op, i))} / {Ms(MedianP99(results, op, i))}"));
            cells.Add(Ratio(results, op).ToString("0.00", CultureInfo.InvariantCulture) + "×");
            var failures = plan.Sizes.Select((size, i) => (size, Failed: results.Runs.Select(r => r[i].Operations[op]).Where(l => l.Errors > 0).Select(l => l.Failures).ToList()))
                .Where(f => f.Failed.Count > 0)
                .Select(f => $"at {f.size:N0}: {string.Join(" + ", f.Failed)}")
                .ToList();
            cells.Add(failures.Count == 0 ? "0" : $"[red]{Markup.Escape(string.Join("; ", failures))}[/]");
            table.AddRow(cells.ToArray());
        }
        Terminal.Out.Write(table);
        Terminal.Out.WriteLine("each dyad's decider index and state projection were built once after the dyad (bt rebuild decider, bt rebuild state; untimed), its stored state and timeline versions written by one cold bt state and bt timeline (untimed), and the store reused by every run; every timed write keeps them current");
        Terminal.Out.WriteLine("peak memory, MB (median of runs): bt serve once every API operation was measured: "
            + string.Join(", ", plan.Sizes.Select((size, i) => $"{size:N0} {Mb(ServePeak(results, i))}"))
            + "; a cold bt state or bt timeline (the largest of a run's): "
            + string.Join(", ", plan.Sizes.Select((size, i) => $"{size:N0} {Mb(QueryPeak(results, i))}")));
        if (results.Imports.Count > 0)
        {
            var import = results.Imports[0];
            Terminal.Out.WriteLine($"import of {import.Events:N0} events (validation included, cold bt import) into the dyad of {import.IntoDyadOf:N0}: {Median(results.Imports.Select(i => i.EventsPerSecond)).ToString("N0", CultureInfo.InvariantCulture)} events/s ({Median(results.Imports.Select(i => i.Seconds)).ToString("0.00", CultureInfo.InvariantCulture)} s)");
        }
        if (results.Stores.Count > 0)
        {
            Terminal.Out.WriteLine($"stores kept: {string.Join(", ", results.Stores)} (dyad {DyadBuilder.Dyad}; e.g. bt state --db {results.Stores[0]} --as-of 2020-01-01)");
        }
    }

    /// <summary>JSON has no NaN: an operation none of whose requests succeeded has no latency.</summary>
    private static double? Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;

    private static string Mb(double? mb) => mb is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static double? ServePeak(HeavyDyadResults results, int size) => MedianOf(results.Runs.Select(r => r[size].ServePeakMegabytes));

    private static double? QueryPeak(HeavyDyadResults results, int size) => MedianOf(results.Runs.Select(r => r[size].QueryPeakMegabytes));

    /// <summary>The median of the runs that could read it; null when none could.</summary>
    private static double? MedianOf(IEnumerable<double?> values) => values.OfType<double>().ToList() is { Count: > 0 } known ? Median(known) : null;

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(ms < 100 ? "0.0" : "N0", CultureInfo.InvariantCulture);

    private static double MedianP50(HeavyDyadResults results, string op, int size) => Median(results.Runs.Select(r => r[size].Operations[op].P50Ms));

    private static double MedianP99(HeavyDyadResults results, string op, int size) => Median(results.Runs.Select(r => r[size].Operations[op].P99Ms));

    /// <summary>How much more the operation costs on the largest dyad than on the smallest: flat is 1.</summary>
    private static double Ratio(HeavyDyadResults results, string op) => MedianP50(results, op, results.Plan.Sizes.Count - 1) / MedianP50(results, op, 0);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
