using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

public sealed record StixRelationship(string Id, string Type, string SourceRef, string TargetRef, DateTimeOffset Created, DateTimeOffset Modified, string Description);

/// <summary>
/// Corroborates, contradicts and supersedes between exported claims, one relationship per ledger
/// event (its id derives from that event's id), and derived-from where one claim repeats another
/// outlet's report (see <see cref="DerivedFrom"/>). A link to a claim outside the export is left out,
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
        foreach (var relationship in DerivedFrom(view, exported))
        {
            yield return relationship;
        }
    }

    /// <summary>
    /// Circular reporting made explicit: a claim whose attribution chain cites an outlet or agency
    /// (Trend: "according to IRNA"), about the same occurrence as a claim read in that outlet's own
    /// article, was derived from it. STIX's derived-from joins two objects of one type and must not
    /// stand in for versioning, so it is only ever claim to claim, never a claim to its report or to
    /// its own re-dating. Source is the repeating claim, target the original (as STIX 2.1 §3.6 uses it).
    /// </summary>
    private static IEnumerable<StixRelationship> DerivedFrom(LedgerView view, IReadOnlyDictionary<string, ClaimView> exported)
    {
        var occurrences = exported.Values
            .Where(c => c.OccurrenceId is not null)
            .GroupBy(c => c.OccurrenceId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var occurrence in occurrences)
        {
            var claims = occurrence.OrderBy(c => c.Position).ToList();
            var byOutlet = claims
                .Select(c => (Claim: c, Outlet: OutletOf(view, c)))
                .Where(x => x.Outlet is not null)
                .ToLookup(x => x.Outlet!, x => x.Claim, StringComparer.Ordinal);
            foreach (var derived in claims)
            {
                var own = OutletOf(view, derived);
                var cited = derived.Claim.Attribution
                    .Where(l => l.Kind is AttributionKind.Outlet or AttributionKind.Agency && l.Name != own)
                    .Select(l => l.Name)
                    .Distinct(StringComparer.Ordinal);
                foreach (var outlet in cited)
                {
                    foreach (var original in byOutlet[outlet])
                    {
                        var known = Latest(derived.Recorded, original.Recorded, LinkedAt(derived, occurrence.Key), LinkedAt(original, occurrence.Key));
                        yield return new StixRelationship(
                            StixIds.Of("relationship", $"derived-from:{derived.EventId:D}:{original.EventId:D}"), "derived-from",
                            StixIds.Claim(derived.EventId), StixIds.Claim(original.EventId), known, known,
                            $"{derived.Claim.ClaimId} cites {outlet}, whose own report {original.Claim.SourceId} carries {original.Claim.ClaimId}; both describe occurrence {occurrence.Key}");
                    }
                }
            }
        }
    }

    private static string? OutletOf(LedgerView view, ClaimView claim) => view.Sources.GetValueOrDefault(claim.Claim.SourceId)?.Source.Outlet;

    /// <summary>When the claim was taken to describe the occurrence: its last link to it, or its recording when it came with it.</summary>
    private static DateTimeOffset? LinkedAt(ClaimView claim, string occurrence) =>
        claim.Changes.LastOrDefault(x => x.What == $"linked to occurrence {occurrence}")?.Recorded;

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset? c, DateTimeOffset? d)
    {
        var latest = a > b ? a : b;
        latest = c is { } x && x > latest ? x : latest;
        return d is { } y && y > latest ? y : latest;
    }
}
