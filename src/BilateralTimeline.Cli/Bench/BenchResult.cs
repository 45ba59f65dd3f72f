namespace BilateralTimeline.Cli.Bench;

/// <summary>One benchmark run's figures; targets are the walking skeleton's (issue 2).</summary>
internal sealed record BenchResult(
    long Events,
    int Streams,
    int BatchSize,
    double SequentialSingleAppendsPerSecond,
    double SingleAppendsPerSecond,
    double BatchedEventsPerSecond,
    double ReplayEventsPerSecond,
    double StateQuerySeconds,
    double BitemporalQueryCostRatio,
    double PeakWorkingSetMegabytes,
    double BytesPerEvent);
