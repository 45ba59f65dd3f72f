namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>One run of the heavy-dyad workload at one dyad size.</summary>
internal sealed record SizeRun(long Events, IReadOnlyDictionary<string, Latency> Operations);

/// <summary>One import of the generated file(s) into the largest dyad, cold process, validation included.</summary>
internal sealed record ImportRun(long Events, long IntoDyadOf, double Seconds)
{
    public double EventsPerSecond => Events / Seconds;
}
