using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// One happening on the timeline: an occurrence with the claims linked to it, or a claim that is
/// linked to none. Its time is the union of its live claims' readings.
/// </summary>
public sealed record Entry(string Id, string Title, bool IsOccurrence, IReadOnlyList<ClaimView> Claims, UncertainTime Time)
{
    public IEnumerable<ClaimView> Live => Claims.Where(c => c.IsLive);

    public bool Retracted => Claims.Count > 0 && Claims.All(c => !c.IsLive);

    public bool Contested => Time.IsContested || Claims.Any(c => c.IsLive && c.ContradictedBy.Count > 0);
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
            entries.Add(new Entry(occurrence.Occurrence.OccurrenceId, occurrence.Occurrence.Title, true, claims, Union(claims)));
        }
        foreach (var claim in view.Claims.Values.Where(c => c.OccurrenceId is null).OrderBy(c => c.Position))
        {
            entries.Add(new Entry(claim.Claim.ClaimId, claim.Claim.Summary, false, [claim], claim.Occurred));
        }
        return entries;
    }

    private static UncertainTime Union(IReadOnlyList<ClaimView> claims)
    {
        var live = claims.Where(c => c.IsLive).ToList();
        var source = live.Count > 0 ? live : claims.ToList();
        // Claims of one occurrence often give the same interval for different reasons: show it once.
        var candidates = source.SelectMany(c => c.Occurred.Candidates).DistinctBy(c => (c.From, c.To)).ToList();
        var findings = source.SelectMany(c => c.Occurred.Findings).Distinct().ToList();
        var phrase = source.Select(c => c.Occurred.Phrase).FirstOrDefault(p => p is not null);
        return new UncertainTime(phrase, source.Select(c => c.Occurred.Language).FirstOrDefault(l => l is not null), candidates, findings);
    }

    /// <summary>Claims that describe something happening (not opinions, not denials) may move the score.</summary>
    public static bool IsEventLike(ClaimView claim) => claim.Claim.Modality is Modality.Asserted or Modality.Reported or Modality.Unconfirmed;
}
