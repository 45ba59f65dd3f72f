using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>A claim as far as a filter needs it: what was recorded and its grade as known at the replay's known-at.</summary>
public sealed record CataloguedClaim(ClaimRecorded Claim, Confidence Confidence);

/// <summary>
/// The sources (id → outlet) and claims of a stream prefix, read once before the filtered fold: a
/// minimum grade is judged on the grade as known at the replay's known-at, which only the whole prefix tells.
/// </summary>
public sealed class ReplayCatalogue
{
    private ReplayCatalogue(IReadOnlyDictionary<string, string> sources, IReadOnlyDictionary<string, CataloguedClaim> claims, IReadOnlyDictionary<string, HashSet<string>> linked)
    {
        Sources = sources;
        Claims = claims;
        Linked = linked;
    }

    public IReadOnlyDictionary<string, string> Sources { get; }

    public IReadOnlyDictionary<string, CataloguedClaim> Claims { get; }

    /// <summary>Every claim ever linked to each occurrence in the prefix (an unlink does not undo that the link was made).</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Linked { get; }

    public static ReplayCatalogue Of(IEnumerable<LedgerEnvelope> envelopes)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var claims = new Dictionary<string, CataloguedClaim>(StringComparer.Ordinal);
        var linked = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var envelope in envelopes)
        {
            switch (envelope.Event)
            {
                case SourceRegistered e:
                    sources[e.SourceId] = e.Outlet;
                    break;
                case ClaimRecorded e:
                    // A claim id recorded again replaces the earlier claim whole, as the fold does.
                    claims[e.ClaimId] = new CataloguedClaim(e, e.Confidence);
                    break;
                case ConfidenceRevised e when claims.TryGetValue(e.ClaimId, out var revised):
                    claims[e.ClaimId] = revised with { Confidence = e.Revised };
                    break;
                case ClaimLinked e:
                    if (!linked.TryGetValue(e.OccurrenceId, out var ids))
                    {
                        linked[e.OccurrenceId] = ids = new HashSet<string>(StringComparer.Ordinal);
                    }
                    ids.Add(e.ClaimId);
                    break;
            }
        }
        return new ReplayCatalogue(sources, claims, linked);
    }

    public IEnumerable<(string Name, string Kind)> OriginsOf(CataloguedClaim claim) =>
        ClaimOrigins.Of(claim.Claim, Sources.GetValueOrDefault(claim.Claim.SourceId));
}
