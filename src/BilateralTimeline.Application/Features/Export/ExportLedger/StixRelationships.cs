using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

public sealed record StixRelationship(string Id, string Type, string SourceRef, string TargetRef, DateTimeOffset Created, DateTimeOffset Modified, string Description);

/// <summary>
/// Corroborates, contradicts and supersedes between exported claims, one relationship per ledger
/// event (its id derives from that event's id). A link to a claim outside the export is left out,
/// because every _ref in a bundle must resolve inside it.
/// </summary>
public static class StixRelationships
{
    public static IEnumerable<StixRelationship> Of(LedgerView view, IReadOnlyDictionary<string, ClaimView> exported)
    {
        var emitted = new HashSet<Guid>();
        foreach (var claim in exported.Values.OrderBy(c => c.Position))
        {
            foreach (var other in claim.CorroboratedBy.Where(exported.ContainsKey))
            {
                var change = claim.Changes.LastOrDefault(x => x.What == $"corroborated by {other}");
                if (change is not null && emitted.Add(change.EventId))
                {
                    yield return new StixRelationship(
                        StixIds.Of("relationship", $"relationship:{change.EventId:D}"), "corroborates",
                        StixIds.Claim(exported[other].EventId), StixIds.Claim(claim.EventId), change.Recorded, change.Recorded, change.Reason);
                }
            }
            if (claim.SupersededBy is { } newer && exported.TryGetValue(newer, out var replacement))
            {
                var change = claim.Changes.LastOrDefault(x => x.What == $"superseded by {newer}");
                if (change is not null && emitted.Add(change.EventId))
                {
                    yield return new StixRelationship(
                        StixIds.Of("relationship", $"relationship:{change.EventId:D}"), "supersedes",
                        StixIds.Claim(replacement.EventId), StixIds.Claim(claim.EventId), change.Recorded, change.Recorded, change.Reason);
                }
            }
        }
        foreach (var contradiction in view.Contradictions)
        {
            if (exported.TryGetValue(contradiction.ClaimId, out var a) && exported.TryGetValue(contradiction.OtherClaimId, out var b) && emitted.Add(contradiction.Opened.EventId))
            {
                var resolved = contradiction.Resolved is { } r ? $"; resolved: {r.Resolution} ({r.Reason})" : "";
                yield return new StixRelationship(
                    StixIds.Of("relationship", $"relationship:{contradiction.Opened.EventId:D}"), "contradicts",
                    StixIds.Claim(a.EventId), StixIds.Claim(b.EventId), contradiction.Opened.Recorded, contradiction.Resolved?.Event.Recorded ?? contradiction.Opened.Recorded,
                    $"on {contradiction.Field}: {contradiction.Reason}{resolved}");
            }
        }
    }
}
