namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// One version of one timeline entry: <see cref="Entry"/> is exactly what <see cref="Entries.Build(LedgerView)"/>
/// gives for the ledger after any count of events in [<see cref="From"/>, <see cref="To"/>) (without the
/// view's contested claims), and <see cref="Parts"/> its share of the relationship state.
/// </summary>
internal sealed class EntryVersion
{
    // What the entry is derived from: an occurrence and its claims in ledger order, or one claim linked to none (no occurrence).
    private readonly OccurrenceView? _occurrence;
    private readonly ClaimView[] _claims;
    private Entry? _entry;

    internal EntryVersion(int index, OccurrenceView? occurrence, ClaimView[] claims, long order, int from)
    {
        Index = index;
        _occurrence = occurrence;
        _claims = claims;
        _entry = Derive();
        Order = order;
        From = from;
    }

    /// <summary>Its place among all versions of the log, in the order they were made.</summary>
    public int Index { get; }

    /// <summary>
    /// The entry. An ended version lets its entry go and derives it again when asked (the same judgement of the
    /// same claims): the judged time, supporters and findings of every past version were most of the log's memory,
    /// and only a question about the past asks for them, a page at a time.
    /// </summary>
    public Entry Entry => _entry ?? Derive();

    /// <summary>
    /// Derived again on each call: the log keeps what the state sums as plain rows, and holding these records for
    /// every version (hundreds of bytes each) cost more memory than the entries; a query derives them only for
    /// the few versions it shows (a page of movers, the statuses in force, the last contact).
    /// </summary>
    public EntryStateParts Parts => RelationshipStateParts.PartsOf(Entry);

    /// <summary>Where the entry stands among the entries alive with it: occurrences by position, then claims linked to none by position.</summary>
    public long Order { get; }

    /// <summary>The first event count the version is alive at.</summary>
    public int From { get; }

    /// <summary>The first event count it is no longer alive at (<see cref="int.MaxValue"/> while it is the entry's latest).</summary>
    public int To { get; internal set; } = int.MaxValue;

    public bool AliveAt(int count) => From <= count && count < To;

    // The sequence numbers of its rows in the log's row sets (-1: none), to close them with it.
    internal int EntryRow { get; set; } = -1;

    internal int ScoreRow { get; set; } = -1;

    internal int FirstStatusRow { get; set; } = -1;

    internal int StatusRows { get; set; }

    internal int ContactRow { get; set; } = -1;

    /// <summary>Called when the version ends: from then on its entry is derived when asked.</summary>
    internal void Release() => _entry = null;

    /// <summary>The entry as <see cref="EntryCache.Occurrence"/> or <see cref="EntryCache.Lone"/> builds it.</summary>
    private Entry Derive()
    {
        if (_occurrence is { } occurrence)
        {
            var judgement = OccurrenceTime.Judge(_claims);
            return new Entry(occurrence.Occurrence.OccurrenceId, occurrence.Occurrence.Title, true, _claims, judgement.Time) { Judgement = judgement };
        }
        var claim = _claims[0];
        return new Entry(claim.Claim.ClaimId, claim.Claim.Summary, false, _claims, claim.Occurred);
    }
}
