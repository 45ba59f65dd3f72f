using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// One happening on the timeline: an occurrence with the claims linked to it, or a claim that is
/// linked to none. An occurrence's time is judged from its claims (<see cref="OccurrenceTime"/>); a
/// lone claim's is its own reading. It is contested when its readings disagree or an open
/// contradiction on fact (whether it happened) involves one of its live claims
/// (<paramref name="ContestedClaimIds"/>); a contradiction on its date, place, motive… puts only
/// that side in doubt, which the timeline shows as a finding on the claim it is about
/// (<see cref="Entries.DoubtsByClaim"/>).
/// </summary>
public sealed record Entry(string Id, string Title, bool IsOccurrence, IReadOnlyList<ClaimView> Claims, UncertainTime Time, IReadOnlySet<string>? ContestedClaimIds = null)
{
    public IEnumerable<ClaimView> Live => Claims.Where(c => c.IsLive);

    public bool Retracted => Claims.Count > 0 && Claims.All(c => !c.IsLive);

    public bool Contested => Time.IsContested || Claims.Any(c => c.IsLive && (ContestedClaimIds?.Contains(c.Claim.ClaimId) ?? c.ContradictedBy.Count > 0));

    /// <summary>How an occurrence's time was chosen; null for a claim linked to no occurrence.</summary>
    public OccurrenceTimeJudgement? Judgement { get; init; }

    /// <summary>
    /// The time a claim's own effects (a status it says something took) are dated by: the occurrence's
    /// chosen time when the claim supports it (its reading contains it, so the sharper time is what it
    /// says too), else the claim's own reading, else the entry's time for an undated claim.
    /// </summary>
    public UncertainTime TimeOf(ClaimView claim) =>
        claim.Occurred.IsUnknown ? Time
        : Judgement is { } j && j.IsSupportedBy(claim.Claim.ClaimId) && Time.Candidates.All(t => claim.Occurred.Candidates.Any(c => c.From <= t.From && c.To >= t.To)) ? Time
        : claim.Occurred;
}

internal static class Entries
{
    public static IReadOnlyList<Entry> Build(LedgerView view) => Build(view, ByPosition(view));

    /// <summary>
    /// The entries of <paramref name="view"/>, whose claims <paramref name="claims"/> lists in ledger order:
    /// occurrences in ledger order, then the claims linked to none. What an entry derives from its claims
    /// alone comes from <see cref="EntryCache"/>; only the view's contested claims are set per view.
    /// </summary>
    internal static IReadOnlyList<Entry> Build(LedgerView view, ClaimView[] claims)
    {
        var contested = ContestedClaims(view);
        var byOccurrence = new Dictionary<string, List<ClaimView>>(StringComparer.Ordinal);
        var lone = new List<ClaimView>();
        foreach (var claim in claims)
        {
            if (claim.OccurrenceId is not { } occurrenceId)
            {
                lone.Add(claim);
            }
            else if (byOccurrence.TryGetValue(occurrenceId, out var list))
            {
                list.Add(claim);
            }
            else
            {
                byOccurrence[occurrenceId] = [claim];
            }
        }
        var occurrences = new OccurrenceView[view.Occurrences.Count];
        var positions = new long[occurrences.Length];
        var i = 0;
        foreach (var occurrence in view.Occurrences.Values)
        {
            occurrences[i] = occurrence;
            positions[i++] = occurrence.Position;
        }
        Array.Sort(positions, occurrences);
        var entries = new List<Entry>(occurrences.Length + lone.Count);
        foreach (var occurrence in occurrences)
        {
            entries.Add(EntryCache.Occurrence(occurrence, byOccurrence.GetValueOrDefault(occurrence.Occurrence.OccurrenceId)) with { ContestedClaimIds = contested });
        }
        foreach (var claim in lone)
        {
            entries.Add(EntryCache.Lone(claim) with { ContestedClaimIds = contested });
        }
        return entries;
    }

    /// <summary>The view's claims in ledger order (each claim's position is that of its own record, so no two share one).</summary>
    internal static ClaimView[] ByPosition(LedgerView view)
    {
        var claims = new ClaimView[view.Claims.Count];
        var positions = new long[claims.Length];
        var i = 0;
        foreach (var claim in view.Claims.Values)
        {
            claims[i] = claim;
            positions[i++] = claim.Position;
        }
        Array.Sort(positions, claims);
        return claims;
    }

    /// <summary>The claims whose happening an open contradiction puts in doubt: both claims of one on fact.</summary>
    internal static IReadOnlySet<string> ContestedClaims(LedgerView view) => ContestedClaimsOf(view.Contradictions.Where(c => c.IsOpen));

    /// <summary>The claims the <paramref name="open"/> contradictions on fact put in doubt.</summary>
    internal static IReadOnlySet<string> ContestedClaimsOf(IEnumerable<ContradictionRecord> open)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in open.Where(c => ContradictionFields.ContestsHappening(c.Field)))
        {
            ids.Add(c.ClaimId);
            ids.Add(c.OtherClaimId);
        }
        return ids;
    }

    /// <summary>
    /// The sides open contradictions other than on fact put in doubt, as findings keyed by the claim each is
    /// about: shown on that claim's entry, not on the entry of the evidence against it. One pass over the
    /// contradictions, so a timeline page costs no search per item.
    /// </summary>
    internal static IReadOnlyDictionary<string, List<string>> DoubtsByClaim(LedgerView view) => DoubtsOf(view.Contradictions.Where(c => c.IsOpen));

    /// <summary>The doubts the <paramref name="open"/> contradictions other than on fact raise (see <see cref="DoubtsByClaim(LedgerView)"/>).</summary>
    internal static IReadOnlyDictionary<string, List<string>> DoubtsOf(IEnumerable<ContradictionRecord> open)
    {
        var doubts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in open.Where(c => !ContradictionFields.ContestsHappening(c.Field)))
        {
            var finding = $"{c.Field} contested{(c.Detail is null ? "" : $" ({c.Detail})")}: {c.ClaimId} vs {c.OtherClaimId}, open since #{c.Opened.Position}";
            if (doubts.TryGetValue(c.ClaimId, out var list))
            {
                list.Add(finding);
            }
            else
            {
                doubts[c.ClaimId] = [finding];
            }
        }
        return doubts;
    }

    /// <summary>Claims that describe something happening (not opinions, not denials) may move the score.</summary>
    public static bool IsEventLike(ClaimView claim) => claim.Claim.Modality.SaysItHappened();
}
