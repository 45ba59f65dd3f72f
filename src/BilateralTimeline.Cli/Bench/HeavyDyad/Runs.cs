namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>One run of the heavy-dyad workload at one dyad size.</summary>
/// <param name="Events">The dyad's size.</param>
/// <param name="Operations">Each operation's latencies.</param>
/// <param name="ServePeakMegabytes">`bt serve`'s peak memory once every API operation was measured (null: the system does not say).</param>
/// <param name="QueryPeakMegabytes">The largest peak of the cold `bt state` and `bt timeline` processes.</param>
internal sealed record SizeRun(long Events, IReadOnlyDictionary<string, Latency> Operations, double? ServePeakMegabytes, double? QueryPeakMegabytes);

/// <summary>One import of the generated file(s) into the largest dyad, cold process, validation included.</summary>
internal sealed record ImportRun(long Events, long IntoDyadOf, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}
