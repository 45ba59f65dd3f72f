using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Claims.Corroboration;

namespace BilateralTimeline.Application.Projections;

/// <summary>Where a claim's information comes from, for counting independent corroboration.</summary>
public sealed record ClaimOrigin(string Origin, string Kind, IReadOnlyList<string> ClaimIds);

/// <summary>An occurrence's aggregated confidence (0–100, null when no live claim remains) and how it was reached.</summary>
public sealed record OccurrenceConfidenceResult(int? Score, bool Contested, IReadOnlyList<ClaimOrigin> Origins, IReadOnlyList<string> Steps);

/// <summary>
/// The occurrence confidence rule, in one place so that `bt explain` can show every step:
/// <list type="number">
/// <item>Only live claims count (not retracted, not superseded). Folding at a known-at makes a
/// retraction remove its claim's weight from the time it was recorded on, and not before.</item>
/// <item>Start from the best live claim's <see cref="ConfidenceScale.Score"/>: among claims that say the
/// thing happened (asserted, reported, unconfirmed) if there are any, else among all live claims.</item>
/// <item>Count independent origins among the live event-like claims and the live claims marked as
/// corroborating them (<see cref="IndependentOrigins"/>; a collective description such as "Iranian media"
/// is no independent origin and adds nothing, and explain says so). Cited names key on the entity
/// (<see cref="ActorNames"/>).</item>
/// <item>Each origin beyond the best claim's raises the score, and an open contradiction on fact (whether
/// it happened) involving a live claim marks the occurrence contested and lowers it
/// (<see cref="Corroboration"/>).</item>
/// </list>
/// </summary>
public static class OccurrenceConfidence
{
    public static OccurrenceConfidenceResult Compute(LedgerView view, IReadOnlyList<ClaimView> claims)
    {
        var steps = new List<string>();
        foreach (var gone in claims.Where(c => !c.IsLive).OrderBy(c => c.Position))
        {
            var change = gone.Changes.LastOrDefault(x => x.What.StartsWith(gone.Retracted ? "retracted" : "superseded", StringComparison.Ordinal));
            var at = change is null ? "" : $" at #{change.Position} ({change.Recorded:yyyy-MM-dd})";
            steps.Add($"ignored: {gone.Claim.ClaimId} {(gone.Retracted ? "retracted" : $"superseded by {gone.SupersededBy}")}{at}, no weight");
        }
        var live = claims.Where(c => c.IsLive).OrderBy(c => c.Position).ToList();
        if (live.Count == 0)
        {
            steps.Add(claims.Count == 0 ? "no claims are linked to it: no confidence" : "no live claims remain: no confidence");
            return new OccurrenceConfidenceResult(null, false, [], steps);
        }
        var eventLike = live.Where(Entries.IsEventLike).ToList();
        var basis = eventLike.Count > 0 ? eventLike : live;
        var best = basis.MaxBy(c => ConfidenceScale.Score(c.Confidence))!;
        var score = ConfidenceScale.Score(best.Confidence);
        steps.Add($"start: {best.Claim.ClaimId} {best.Confidence.Grade} → {score}{(eventLike.Count == 0 ? " (no claim says it happened: only opinions or denials)" : "")}");

        var origins = Origins(view, eventLike);
        var bestOrigin = origins.FirstOrDefault(o => o.Kind != IndependentOrigins.CollectiveKind && o.ClaimIds.Contains(best.Claim.ClaimId));
        if (bestOrigin is not null)
        {
            var sameOrigin = bestOrigin.ClaimIds.Where(id => id != best.Claim.ClaimId).ToList();
            if (sameOrigin.Count > 0)
            {
                steps.Add($"+0: {string.Join(", ", sameOrigin)} share origin {bestOrigin.Origin} with {best.Claim.ClaimId} (not independent)");
            }
        }
        foreach (var origin in origins.Where(o => o.Kind == IndependentOrigins.CollectiveKind))
        {
            steps.Add($"+0: {origin.Origin} ({string.Join(", ", origin.ClaimIds)}) is a collective description, not an identified outlet, agency or person: not an independent origin");
        }
        foreach (var origin in origins.Where(o => o != bestOrigin && o.Kind != IndependentOrigins.CollectiveKind))
        {
            var raised = Corroboration.Corroborate(score);
            steps.Add(raised > score
                ? $"+{raised - score}: independent origin {origin.Origin} ({string.Join(", ", origin.ClaimIds)})"
                : $"+0: independent origin {origin.Origin} ({string.Join(", ", origin.ClaimIds)}), already at the cap of {Corroboration.Cap}");
            score = raised;
        }

        var liveIds = live.Select(c => c.Claim.ClaimId).ToHashSet(StringComparer.Ordinal);
        var open = view.Contradictions.Where(c => c.IsOpen && (liveIds.Contains(c.ClaimId) || liveIds.Contains(c.OtherClaimId))).ToList();
        var doubting = open.Where(c => Domain.Corrections.ContradictionFields.ContestsHappening(c.Field)).ToList();
        foreach (var c in open.Except(doubting))
        {
            steps.Add(liveIds.Contains(c.ClaimId)
                ? $"+0: {c.ClaimId} vs {c.OtherClaimId} on {c.Field} puts its {c.Field} in doubt, not whether it happened"
                : $"+0: {c.OtherClaimId} is only the evidence in {c.ClaimId} vs {c.OtherClaimId} on {c.Field}; the contradiction is about {c.ClaimId}");
        }
        var contested = doubting.Count > 0;
        if (contested)
        {
            var lowered = Corroboration.Contest(score);
            var what = string.Join("; ", doubting.Select(c => $"{c.ClaimId} vs {c.OtherClaimId} on {c.Field}{(c.Detail is null ? "" : $" ({c.Detail})")} (open since #{c.Opened.Position})"));
            steps.Add($"−{score - lowered}: contested — {what}");
            score = lowered;
        }
        steps.Add($"= {score}{(contested ? " (contested)" : "")}");
        return new OccurrenceConfidenceResult(score, contested, origins.Where(o => o.Kind != IndependentOrigins.CollectiveKind).ToList(), steps);
    }

    /// <summary>The claim's origin (<see cref="IndependentOrigins.Of"/>).</summary>
    public static (string Origin, string Kind) OriginOf(ClaimView claim) => IndependentOrigins.Of(claim.Claim);

    /// <summary>Distinct origins of the claims and of the live claims corroborating them, in order of first appearance.</summary>
    private static List<ClaimOrigin> Origins(LedgerView view, IReadOnlyList<ClaimView> eventLike)
    {
        var contributing = new List<ClaimView>(eventLike);
        foreach (var claim in eventLike)
        {
            foreach (var id in claim.CorroboratedBy)
            {
                if (view.Claims.TryGetValue(id, out var other) && other.IsLive && !contributing.Contains(other))
                {
                    contributing.Add(other);
                }
            }
        }
        var origins = new List<(string Key, string Origin, string Kind, List<string> Ids)>();
        var names = ViewMemo.Of(view).Names;
        foreach (var claim in contributing)
        {
            var (origin, kind) = OriginOf(claim);
            // Cited names key on the entity: "IRNA" and "Irna" are one agency, and so are the spellings an alias joins.
            var key = kind == IndependentOrigins.SourceKind ? "source:" + origin : "cited:" + names.Resolve(origin).Key;
            var existing = origins.FindIndex(o => o.Key == key);
            if (existing < 0)
            {
                origins.Add((key, origin, kind, [claim.Claim.ClaimId]));
            }
            else
            {
                origins[existing].Ids.Add(claim.Claim.ClaimId);
            }
        }
        return origins.Select(o => new ClaimOrigin(o.Origin, o.Kind, o.Ids)).ToList();
    }
}
