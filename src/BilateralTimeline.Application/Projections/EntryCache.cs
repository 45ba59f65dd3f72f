using System.Runtime.CompilerServices;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// What an entry derives from its claims alone, kept beside the immutable instances it came from, so that
/// views folded for other known-ats reuse it: a view an index folds from a checkpoint shares every
/// <see cref="OccurrenceView"/> and <see cref="ClaimView"/> the events since did not touch, and judging an
/// occurrence's time or weighing its claims again would give the same answer. Entries are weakly keyed:
/// they go when no view holds their occurrence or claim any more.
/// </summary>
internal static class EntryCache
{
    private static readonly ConditionalWeakTable<OccurrenceView, Judged> Occurrences = new();
    private static readonly ConditionalWeakTable<ClaimView, Entry> LoneClaims = new();
    private static readonly ConditionalWeakTable<IReadOnlyList<ClaimView>, EntryStateParts> States = new();

    /// <summary>The occurrence's entry (without the view's contested claims) for exactly these claims, in ledger order.</summary>
    public static Entry Occurrence(OccurrenceView occurrence, List<ClaimView>? claims)
    {
        if (Occurrences.TryGetValue(occurrence, out var judged) && SameClaims(judged.Claims, claims))
        {
            return judged.Entry;
        }
        ClaimView[] own = claims is null ? [] : [.. claims];
        var judgement = OccurrenceTime.Judge(own);
        var entry = new Entry(occurrence.Occurrence.OccurrenceId, occurrence.Occurrence.Title, true, own, judgement.Time) { Judgement = judgement };
        Occurrences.AddOrUpdate(occurrence, new Judged(own, entry));
        return entry;
    }

    /// <summary>The entry of a claim linked to no occurrence (without the view's contested claims).</summary>
    public static Entry Lone(ClaimView claim) =>
        LoneClaims.GetValue(claim, c => new Entry(c.Claim.ClaimId, c.Claim.Summary, false, [c], c.Occurred));

    /// <summary>The entry's date-independent parts of the relationship state, derived once per set of claims.</summary>
    public static EntryStateParts StateOf(Entry entry, Func<Entry, EntryStateParts> derive) =>
        States.TryGetValue(entry.Claims, out var parts) ? parts : States.GetValue(entry.Claims, _ => derive(entry));

    private static bool SameClaims(ClaimView[] cached, List<ClaimView>? claims)
    {
        var count = claims?.Count ?? 0;
        if (cached.Length != count)
        {
            return false;
        }
        for (var i = 0; i < count; i++)
        {
            if (!ReferenceEquals(cached[i], claims![i]))
            {
                return false;
            }
        }
        return true;
    }

    private sealed record Judged(ClaimView[] Claims, Entry Entry);
}

/// <summary>One entry's share of <see cref="RelationshipStateParts"/>: what it scores, the statuses its claims set, its high-level contact.</summary>
internal sealed record EntryStateParts(ScoredEntry? Scored, IReadOnlyList<StatusChange> Changes, ContactEntry? Contact);
