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
