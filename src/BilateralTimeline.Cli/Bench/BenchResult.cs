namespace BilateralTimeline.Cli.Bench;

/// <summary>One benchmark run's figures; a phase the workload left empty has null and a line in <see cref="NotRun"/>.</summary>
internal sealed record BenchResult(
    StoreKind Store,
    long Events,
    int Streams,
    int BatchSize,
    int Writers,
    double SequentialSingleAppendsPerSecond,
    double? SingleAppendsPerSecond,
    double? BatchedEventsPerSecond,
    double ReadEventsPerSecond,
    double ReplayEventsPerSecond,
    double CopyEventsPerSecond,
    double StateQuerySeconds,
    double BitemporalQueryCostRatio,
    double PeakWorkingSetMegabytes,
    double BytesPerEvent,
    IReadOnlyList<string> NotRun)
{
    /// <summary>Process CPU time of the full replay per event (both stages), which the machine's other load does not inflate.</summary>
    public double? ReplayCpuMicrosecondsPerEvent { get; init; }

    /// <summary>Managed heap still in use after the replay, with every dyad's view kept, per event.</summary>
    public double? ReplayHeapBytesPerEvent { get; init; }

    /// <summary>`bt rebuild state` over the whole log, rows committed (null on a store without tables).</summary>
    public double? RebuildEventsPerSecond { get; init; }
}
