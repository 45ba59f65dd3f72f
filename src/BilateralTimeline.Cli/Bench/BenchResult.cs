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
    IReadOnlyList<string> NotRun);
