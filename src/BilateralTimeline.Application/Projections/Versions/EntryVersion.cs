namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// One version of one timeline entry: <see cref="Entry"/> is exactly what <see cref="Entries.Build(LedgerView)"/>
/// gives for the ledger after any count of events in [<see cref="From"/>, <see cref="To"/>) (without the
/// view's contested claims), and <see cref="Parts"/> its share of the relationship state, derived once.
/// </summary>
internal sealed class EntryVersion
{
    internal EntryVersion(int index, Entry entry, EntryStateParts parts, long order, int from)
    {
        Index = index;
        Entry = entry;
        Parts = parts;
        Order = order;
        From = from;
    }

    /// <summary>Its place among all versions of the log, in the order they were made.</summary>
    public int Index { get; }

    public Entry Entry { get; }

    public EntryStateParts Parts { get; }

    /// <summary>Where the entry stands among the entries alive with it: occurrences by position, then claims linked to none by position.</summary>
    public long Order { get; }

    /// <summary>The first event count the version is alive at.</summary>
    public int From { get; }

    /// <summary>The first event count it is no longer alive at (<see cref="int.MaxValue"/> while it is the entry's latest).</summary>
    public int To { get; internal set; } = int.MaxValue;

    public bool AliveAt(int count) => From <= count && count < To;

    // The sequence numbers of its rows in the log's row sets (-1: none), to close them with it.
    internal int EntryRow { get; init; } = -1;

    internal int ScoreRow { get; init; } = -1;

    internal int FirstStatusRow { get; init; } = -1;

    internal int StatusRows { get; init; }

    internal int ContactRow { get; init; } = -1;
}
