namespace BilateralTimeline.Application.Projections;

/// <summary>
/// When a stored tail is merged into the segments before it (the state terms' and the stored timeline's alike): while the
/// one before is at most twice the length merged so far, or shorter than the snapshot threshold, as a binary counter
/// carries, so a dyad keeps a few segments per doubling of its history however often it is asked after a write. No
/// segment grows past <see cref="Cap"/> revisions by merging, which bounds what one catch-up reads back.
/// </summary>
internal static class SegmentMerging
{
    public const int Cap = 1 << 16;

    /// <summary>How many of the stored segments (their revision counts, <paramref name="lengths"/>) the tail leaves as they are; the rest merge with it.</summary>
    public static int Keep(IReadOnlyList<int> lengths, int tail, int shortBelow, int cap = Cap)
    {
        var keep = lengths.Count;
        var total = tail;
        while (keep > 0 && lengths[keep - 1] <= Math.Max(2 * total, shortBelow) && total + lengths[keep - 1] <= cap)
        {
            total += lengths[--keep];
        }
        return keep;
    }

    /// <summary>Whether a segment this long can ever be merged into (a longer one cannot: merging keeps under <see cref="Cap"/>).</summary>
    public static bool Mergeable(int revisions) => revisions <= Cap;

    /// <summary>
    /// Whether <see cref="Keep"/> can never take a segment this long in, whatever follows it: past the short ones, a
    /// segment of length L merges only with a run of at least L/2 after it that still fits beside it under the cap
    /// (L/2 + L ≤ cap), so one longer than two thirds of the cap stays as it is for good.
    /// </summary>
    public static bool NeverMerged(int revisions, int shortBelow, int cap = Cap) => revisions > Math.Max(shortBelow, 2L * cap / 3);
}
