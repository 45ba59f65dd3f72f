using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Features.Diff.DiffUnderstanding;

/// <summary>Pure comparisons of two folds of the same ledger at two recording times.</summary>
internal static class UnderstandingDiffs
{
    public static IReadOnlyList<ClaimDifference> Claims(LedgerView before, LedgerView after)
    {
        var changes = new List<ClaimDifference>();
        foreach (var claim in after.Claims.Values.OrderBy(c => c.Position))
        {
            var summary = claim.Claim.Summary;
            if (!before.Claims.TryGetValue(claim.Claim.ClaimId, out var earlier))
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, claim.Retracted ? "added and retracted" : "added", summary));
                continue;
            }
            if (claim.Retracted && !earlier.Retracted)
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, "retracted", summary));
            }
            if (claim.SupersededBy is { } newer && earlier.SupersededBy is null)
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"superseded by {newer}", summary));
            }
            if (!ReferenceEquals(claim.Occurred, earlier.Occurred) && claim.Occurred.ToString() != earlier.Occurred.ToString())
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"re-dated {earlier.Occurred} → {claim.Occurred}", summary));
            }
            if (claim.Confidence != earlier.Confidence)
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"confidence {earlier.Confidence.Grade} → {claim.Confidence.Grade}", summary));
            }
            if (claim.OccurrenceId != earlier.OccurrenceId)
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"occurrence {earlier.OccurrenceId ?? "(none)"} → {claim.OccurrenceId ?? "(none)"}", summary));
            }
            foreach (var other in claim.CorroboratedBy.Except(earlier.CorroboratedBy))
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"now corroborated by {other}", summary));
            }
            foreach (var other in claim.ContradictedBy.Except(earlier.ContradictedBy))
            {
                changes.Add(new ClaimDifference(claim.Claim.ClaimId, $"now contradicted by {other}", summary));
            }
        }
        // A resolution removes the contradiction from both claims: listed once, under the claim it was about.
        foreach (var settled in after.Contradictions.Where(c => c.Resolved is { } r && r.Event.Position > before.LastPosition))
        {
            var summary = after.Claims.TryGetValue(settled.ClaimId, out var claim) ? claim.Claim.Summary : "?";
            changes.Add(new ClaimDifference(settled.ClaimId, $"contradiction with {settled.OtherClaimId} on {settled.Field} resolved: {settled.Resolved!.Resolution}", summary));
        }
        return changes;
    }

    public static IReadOnlyList<StatusDifference> Statuses(RelationshipStateView before, RelationshipStateView after)
    {
        var earlier = before.InForce.ToDictionary(s => s.Subject, s => s.Status, StringComparer.Ordinal);
        var later = after.InForce.ToDictionary(s => s.Subject, s => s.Status, StringComparer.Ordinal);
        return earlier.Keys.Union(later.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(subject => new StatusDifference(subject, earlier.GetValueOrDefault(subject), later.GetValueOrDefault(subject)))
            .Where(d => d.Before != d.After)
            .ToList();
    }
}
