namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// One version of one timeline entry as the relationship state sees it: its state parts, where the entry
/// stands among the entries alive with it (<see cref="Order"/>), and the event counts [From, To) it is
/// alive for (<see cref="int.MaxValue"/>: still its entry's latest when written).
/// </summary>
internal sealed record StateVersion(long Order, int From, int To, EntryStateParts Parts)
{
    /// <summary>An entry with no score term, no status change and no contact adds nothing to any state: it is never stored.</summary>
    public static bool Counts(EntryStateParts parts) => parts.Scored is not null || parts.Changes.Count > 0 || parts.Contact is not null;
}

/// <summary>A version written in an earlier segment that stopped being alive at <see cref="To"/>.</summary>
internal readonly record struct VersionEnd(int Version, int To);
