using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>An occurrence that can move the score once it has happened: its strongest claim's weight before age and standing.</summary>
public sealed record ScoredEntry(string EntryId, string Title, string Kind, string Cameo, double Goldstein, double Weight, UncertainTime Time, IReadOnlyList<string> ClaimIds);

/// <summary>One status a live claim says something took, dated by the claim (or its occurrence when the claim is undated).</summary>
public sealed record StatusChange(string Subject, string Status, bool Crisis, UncertainTime Time, long Position, string ClaimId);

/// <summary>An occurrence with high-level contact, the people in it and the claims that say so.</summary>
public sealed record ContactEntry(string EntryId, string Title, UncertainTime Time, IReadOnlyList<string> Actors, IReadOnlyList<string> ClaimIds);

/// <summary>
/// Everything of the relationship state that does not depend on the valid-time date, in ledger order.
/// Which occurrences had happened by a date, how much age has worn their weight, which statuses were
/// in force and which contact was last all move with the date, so <see cref="At(DateOnly, DateTimeOffset?, int, int?)"/> derives them on
/// demand: a stored copy of these parts never goes stale as days pass.
/// </summary>
public sealed record RelationshipStateParts(
    string Dyad,
    long LastPosition,
    int ClaimsConsidered,
    int ClaimsRetracted,
    IReadOnlyList<ScoredEntry> Scored,
    IReadOnlyList<StatusChange> Changes,
    IReadOnlyList<ContactEntry> Contacts)
{
    public static RelationshipStateParts Of(string dyad, LedgerView view)
    {
        var memo = ViewMemo.Of(view);
        var scored = new List<ScoredEntry>();
        var changes = new List<StatusChange>();
        var contacts = new List<ContactEntry>();
        foreach (var entry in memo.Entries)
        {
            var parts = EntryCache.StateOf(entry, PartsOf);
            if (parts.Scored is { } s)
            {
                scored.Add(s);
            }
            changes.AddRange(parts.Changes);
            if (parts.Contact is { } contact)
            {
                contacts.Add(contact);
            }
        }
        var retracted = 0;
        foreach (var claim in memo.Claims)
        {
            retracted += claim.Retracted ? 1 : 0;
        }
        return new RelationshipStateParts(dyad, view.LastPosition, view.Claims.Count, retracted, scored, changes, contacts);
    }

    /// <summary>One entry's parts: they depend on its claims alone, so views that share them share these (<see cref="EntryCache"/>).</summary>
    internal static EntryStateParts PartsOf(Entry entry)
    {
        ScoredEntry? scored = null;
        ContactEntry? contactEntry = null;
        var changes = new List<StatusChange>();
        var live = entry.Live.Where(Entries.IsEventLike).ToList();
        var scoring = live.Where(c => ClaimKinds.Get(c.Claim.Kind).Cameo != "context").ToList();
        if (scoring.Count > 0)
        {
            var strongest = scoring.MaxBy(RelationshipStateProjection.ClaimWeight)!;
            var claim = strongest.Claim;
            scored = new ScoredEntry(entry.Id, entry.Title, claim.Kind, ClaimKinds.Code(claim.Kind, claim.Cameo), ClaimKinds.Goldstein(claim.Kind, claim.Cameo), RelationshipStateProjection.ClaimWeight(strongest), Bare(entry.Time), scoring.Select(c => c.Claim.ClaimId).ToList());
        }
        foreach (var claim in live)
        {
            var time = Bare(entry.TimeOf(claim));
            changes.AddRange(claim.Claim.Effects.Select(effect => new StatusChange(effect.Subject, effect.Status, effect.Crisis, time, claim.Position, claim.Claim.ClaimId)));
        }
        var contact = live.Where(c => ClaimKinds.Get(c.Claim.Kind).Contact && c.Claim.Actors.Any(RelationshipStateProjection.IsHighLevel)).ToList();
        if (contact.Count > 0)
        {
            var actors = contact.SelectMany(c => c.Claim.Actors.Where(RelationshipStateProjection.IsHighLevel)).Select(a => a.Title is null ? a.Name : $"{a.Name} ({a.Title})").Distinct().ToList();
            contactEntry = new ContactEntry(entry.Id, entry.Title, Bare(entry.Time), actors, contact.Select(c => c.Claim.ClaimId).ToList());
        }
        return new EntryStateParts(scored, changes.Count == 0 ? [] : changes, contactEntry);
    }

    /// <summary>The state at a valid-time date, as known at <paramref name="knownAt"/> (which only labels the answer: the parts already reflect it).</summary>
    public RelationshipStateView At(DateOnly asOf, DateTimeOffset? knownAt) => At(asOf, knownAt, 0, null);

    /// <summary>
    /// <see cref="At(DateOnly, DateTimeOffset?)"/> with one page of the movers: the score weighs every
    /// occurrence, but only the page's contributions are built, so a page of a large dyad costs a pass
    /// over plain numbers and a partial sort, not a record per occurrence.
    /// </summary>
    public RelationshipStateView At(DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit)
    {
        var count = Scored.Count;
        var moved = new int[count];
        var weights = new double[count];
        var standings = new TimeStanding[count];
        var n = 0;
        double weighted = 0, total = 0;
        for (var i = 0; i < count; i++)
        {
            var entry = Scored[i];
            var (standing, share, latest) = ScoreTerms.At(entry.Time, asOf);
            if (standing is not (TimeStanding.Occurred or TimeStanding.Possibly))
            {
                continue;
            }
            var age = asOf.DayNumber - Math.Min(asOf.DayNumber, latest.DayNumber);
            var weight = entry.Weight * share * Math.Pow(0.5, age / RelationshipStateProjection.HalfLifeDays);
            weighted += weight * entry.Goldstein;
            total += weight;
            moved[n] = i;
            weights[n] = weight;
            standings[n] = standing;
            n++;
        }
        double? score = total > 0 ? Math.Round(weighted / total, 2) : null;
        var shares = new double[n];
        for (var j = 0; j < n; j++)
        {
            shares[j] = total > 0 ? Math.Round(weights[j] * Scored[moved[j]].Goldstein / total, 2) : 0;
        }
        var first = Math.Max(0, skip);
        var wanted = limit is { } take ? (int)Math.Min(n, (long)first + take) : n;
        var order = MoverOrder.First(shares, n, wanted);
        var movedBy = new List<ScoreContribution>(Math.Max(0, order.Length - first));
        for (var k = first; k < order.Length; k++)
        {
            var j = order[k];
            var entry = Scored[moved[j]];
            movedBy.Add(new ScoreContribution(entry.EntryId, entry.Title, entry.Kind, entry.Cameo, entry.Goldstein, Math.Round(weights[j], 3), shares[j], TimelineProjection.Format(standings[j]), entry.ClaimIds));
        }
        var next = limit is { } l && (long)first + l < n ? PageCursor.Encode(first + l) : null;

        var statuses = Statuses(asOf);
        return new RelationshipStateView(
            Dyad, asOf, knownAt, LastPosition, score, RelationshipStateProjection.Band(score), movedBy,
            statuses, statuses.Where(s => s.Crisis).ToList(), LastContact(asOf),
            ClaimsConsidered, ClaimsRetracted, n, next);
    }

    private List<StatusLine> Statuses(DateOnly asOf) => StatusesAt(Changes, asOf);

    /// <summary>Per subject, the latest of <paramref name="changes"/> (in entry order) in force at <paramref name="asOf"/>, with the claims that set that status; subjects in ordinal order.</summary>
    internal static List<StatusLine> StatusesAt(IEnumerable<StatusChange> changes, DateOnly asOf) =>
        changes
            .Select(change => (Change: change, Standing: change.Time.StandingAt(asOf)))
            .Where(x => x.Standing is TimeStanding.Occurred or TimeStanding.Possibly)
            .GroupBy(x => x.Change.Subject, StringComparer.Ordinal)
            .Select(g =>
            {
                var latest = g.OrderBy(x => x.Change.Time.Latest).ThenBy(x => x.Change.Position).Last();
                var sameStatus = g.Where(x => x.Change.Status == latest.Change.Status).Select(x => x.Change.ClaimId).Distinct().ToList();
                return new StatusLine(g.Key, latest.Change.Status, latest.Change.Crisis, latest.Change.Time.ToString(), latest.Standing == TimeStanding.Possibly, sameStatus);
            })
            .OrderBy(s => s.Subject, StringComparer.Ordinal)
            .ToList();

    private ContactLine? LastContact(DateOnly asOf)
    {
        var last = Contacts
            .Select(c => (Contact: c, Standing: c.Time.StandingAt(asOf)))
            .Where(x => x.Standing is TimeStanding.Occurred or TimeStanding.Possibly)
            .OrderBy(x => x.Contact.Time.Latest)
            .LastOrDefault();
        return last.Contact is null
            ? null
            : new ContactLine(last.Contact.EntryId, last.Contact.Title, last.Contact.Time.ToString(), last.Standing == TimeStanding.Possibly, last.Contact.Actors, last.Contact.ClaimIds);
    }

    /// <summary>Only the readings decide standing, age and the printed date; the phrase and findings would only swell a stored row.</summary>
    private static UncertainTime Bare(UncertainTime time) => new(null, null, time.Candidates, []);
}
