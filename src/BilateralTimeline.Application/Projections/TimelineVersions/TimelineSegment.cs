namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// What folding the stream revisions from <see cref="FirstRevision"/> on added to the persisted timeline:
/// per revision its recording time and the ledger's last position after it; the entry versions made in it
/// (numbered from <see cref="FirstVersion"/> on, across all segments) as <see cref="Rows"/> in the timeline's
/// order, with the printed record of each row derived when asked (<see cref="RecordOf"/>: a catch-up of a million
/// events encodes them a block at a time instead of holding them all); the earlier versions it ended; and what its
/// events added to the sides. <see cref="Hash"/> is the chain hash of its last event: a segment whose hash
/// the log does not hold at that revision is not trusted.
/// </summary>
internal sealed record TimelineSegment(
    long FirstRevision,
    byte[] Hash,
    long[] RecordedTicks,
    long[] LastPositions,
    int FirstVersion,
    TimelineRow[] Rows,
    Func<int, TimelineRecord> RecordOf,
    IReadOnlyList<TimelineEnd> Ended,
    SidesPart Sides)
{
    public long LastRevision => FirstRevision + RecordedTicks.Length - 1;
}
