namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// One operation's latencies in one run: nearest-rank percentiles over the requests that succeeded,
/// and the status codes of those that did not (e.g. "409×3").
/// </summary>
internal sealed record Latency(int Requests, int Errors, double P50Ms, double P99Ms, string Failures)
{
    public static Latency Of(IReadOnlyCollection<double> seconds, IReadOnlyCollection<int> failedStatuses)
    {
        var sorted = seconds.Order().ToArray();
        var failures = string.Join(", ", failedStatuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        return new Latency(seconds.Count + failedStatuses.Count, failedStatuses.Count, Rank(sorted, 0.50) * 1000, Rank(sorted, 0.99) * 1000, failures);
    }

    private static double Rank(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>The operations the heavy-dyad workload times, in the order they are printed.</summary>
internal static class Operations
{
    public const string CliRetract = "retract (cli, cold)";
    public const string CliState = "state --as-of --known-at (cli, cold)";
    public const string CliTimeline = "timeline --as-of --known-at (cli, cold)";
    public const string ApiRecord = "POST /api/claims (api, warm)";
    public const string ApiRetract = "POST /api/corrections/retract (api, warm)";
    public const string ApiState = "GET /api/state?asOf&knownAt (api, warm)";
    public const string ApiTimeline = "GET /api/timeline?asOf&knownAt (api, warm)";

    public static readonly string[] All = [CliRetract, CliState, CliTimeline, ApiRecord, ApiRetract, ApiState, ApiTimeline];
}

/// <summary>One run of the heavy-dyad workload at one dyad size.</summary>
internal sealed record SizeRun(long Events, IReadOnlyDictionary<string, Latency> Operations);

/// <summary>One import of the generated file(s) into the largest dyad, cold process, validation included.</summary>
internal sealed record ImportRun(long Events, long IntoDyadOf, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}
