using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// One happening on the timeline: an occurrence with the claims linked to it, or a claim that is
/// linked to none. An occurrence's time is judged from its claims (<see cref="OccurrenceTime"/>); a
/// lone claim's is its own reading.
/// </summary>
public sealed record Entry(string Id, string Title, bool IsOccurrence, IReadOnlyList<ClaimView> Claims, UncertainTime Time)
{
    public IEnumerable<ClaimView> Live => Claims.Where(c => c.IsLive);

    public bool Retracted => Claims.Count > 0 && Claims.All(c => !c.IsLive);

    public bool Contested => Time.IsContested || Claims.Any(c => c.IsLive && c.ContradictedBy.Count > 0);

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
    public static IReadOnlyList<Entry> Build(LedgerView view)
    {
        var entries = new List<Entry>();
        var byOccurrence = view.Claims.Values.Where(c => c.OccurrenceId is not null).GroupBy(c => c.OccurrenceId!).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Position).ToList());
        foreach (var occurrence in view.Occurrences.Values.OrderBy(o => o.Position))
        {
            var claims = byOccurrence.TryGetValue(occurrence.Occurrence.OccurrenceId, out var list) ? list : [];
            var judgement = OccurrenceTime.Judge(claims);
            entries.Add(new Entry(occurrence.Occurrence.OccurrenceId, occurrence.Occurrence.Title, true, claims, judgement.Time) { Judgement = judgement });
        }
        foreach (var claim in view.Claims.Values.Where(c => c.OccurrenceId is null).OrderBy(c => c.Position))
        {
            entries.Add(new Entry(claim.Claim.ClaimId, claim.Claim.Summary, false, [claim], claim.Occurred));
        }
        return entries;
    }

    /// <summary>Claims that describe something happening (not opinions, not denials) may move the score.</summary>
    public static bool IsEventLike(ClaimView claim) => claim.Claim.Modality is Modality.Asserted or Modality.Reported or Modality.Unconfirmed;
}
