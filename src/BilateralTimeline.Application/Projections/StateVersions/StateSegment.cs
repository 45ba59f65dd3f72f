namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// What folding the stream revisions [<see cref="FirstRevision"/>, <see cref="LastRevision"/>] added to the
/// persisted state terms: per revision its recording time and, after it, the ledger's last position and its
/// claim counts; the versions made in it (numbered from <see cref="FirstVersion"/> on, across all segments);
/// and the earlier versions it ended. <see cref="Hash"/> is the chain hash of the event at
/// <see cref="LastRevision"/>: a segment whose hash the log does not hold at that revision is not trusted.
/// </summary>
internal sealed record StateSegment(
    long FirstRevision,
    byte[] Hash,
    long[] RecordedTicks,
    long[] LastPositions,
    int[] Claims,
    int[] Retracted,
    int FirstVersion,
    IReadOnlyList<StateVersion> Added,
    IReadOnlyList<VersionEnd> Ended)
{
    public long LastRevision => FirstRevision + RecordedTicks.Length - 1;
}
