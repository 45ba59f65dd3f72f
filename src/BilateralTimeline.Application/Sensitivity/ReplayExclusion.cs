using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// What a filter leaves out of a stream prefix, and the rule that makes the rest a ledger that never
/// had it: an excluded claim's record goes, and with it every event that hangs on it (its links,
/// retraction, re-grading, re-dating, and any corroboration, contradiction, resolution or supersession
/// naming it on either side); an excluded source's registration goes too, and so does an occurrence
/// whose every linked claim is excluded (it was identified for them: importing an article identifies
/// its occurrences and links its claims). An occurrence never linked to a claim stays, and so does any
/// event that names no excluded claim, including event types this build does not fold.
/// </summary>
public sealed class ReplayExclusion
{
    private ReplayExclusion(IReadOnlySet<string> claims, IReadOnlySet<string> sources, IReadOnlySet<string> occurrences, IReadOnlyList<string> unknownSources, IReadOnlyList<string> unknownOrigins)
    {
        Claims = claims;
        Sources = sources;
        Occurrences = occurrences;
        UnknownSources = unknownSources;
        UnknownOrigins = unknownOrigins;
    }

    public IReadOnlySet<string> Claims { get; }

    public IReadOnlySet<string> Sources { get; }

    public IReadOnlySet<string> Occurrences { get; }

    /// <summary>Sources the filter names that the prefix never registered (a typo would otherwise change nothing, silently).</summary>
    public IReadOnlyList<string> UnknownSources { get; }

    /// <summary>Origins the filter names that no claim of the prefix rests on.</summary>
    public IReadOnlyList<string> UnknownOrigins { get; }

    public static ReplayExclusion Of(ReplayCatalogue catalogue, ReplayFilter filter)
    {
        var sources = new HashSet<string>((filter.WithoutSources ?? []).Select(s => s.Trim()), StringComparer.Ordinal);
        var origins = new HashSet<string>((filter.WithoutOrigins ?? []).Select(o => o.Trim()), ClaimOrigins.Comparer);
        var minReliability = Grades.ParseReliability(filter.MinReliability);
        var minCredibility = Grades.ParseCredibility(filter.MinCredibility);
        var claims = new HashSet<string>(StringComparer.Ordinal);
        var seenOrigins = new HashSet<string>(ClaimOrigins.Comparer);
        foreach (var (id, claim) in catalogue.Claims)
        {
            var claimOrigins = catalogue.OriginsOf(claim).Select(o => o.Name).ToList();
            seenOrigins.UnionWith(claimOrigins);
            if (sources.Contains(claim.Claim.SourceId)
                || claimOrigins.Any(origins.Contains)
                || (minReliability is { } r && !Grades.MeetsReliability(claim.Confidence.Reliability, r))
                || (minCredibility is { } c && !Grades.MeetsCredibility(claim.Confidence.Credibility, c)))
            {
                claims.Add(id);
            }
        }
        var occurrences = catalogue.Linked.Where(o => o.Value.All(claims.Contains)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        return new ReplayExclusion(
            claims,
            sources,
            occurrences,
            sources.Where(s => !catalogue.Sources.ContainsKey(s)).Order(StringComparer.Ordinal).ToList(),
            origins.Where(o => !seenOrigins.Contains(o)).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Whether the event stays in the ledger that never had the excluded claims and sources.</summary>
    public bool Keeps(ILedgerEvent e) => e switch
    {
        SourceRegistered s => !Sources.Contains(s.SourceId),
        OccurrenceIdentified o => !Occurrences.Contains(o.OccurrenceId),
        ClaimRecorded c => !Claims.Contains(c.ClaimId),
        ClaimLinked l => !Claims.Contains(l.ClaimId),
        ClaimUnlinked u => !Claims.Contains(u.ClaimId),
        ClaimRetracted r => !Claims.Contains(r.ClaimId),
        ConfidenceRevised r => !Claims.Contains(r.ClaimId),
        ClaimRedated r => !Claims.Contains(r.ClaimId),
        ClaimsCorroborated c => !Claims.Contains(c.ClaimId) && !Claims.Contains(c.OtherClaimId),
        ClaimsContradicted c => !Claims.Contains(c.ClaimId) && !Claims.Contains(c.OtherClaimId),
        ContradictionResolved r => !Claims.Contains(r.ClaimId) && !Claims.Contains(r.OtherClaimId),
        ClaimSuperseded s => !Claims.Contains(s.ClaimId) && !Claims.Contains(s.SupersededBy),
        _ => true,
    };
}
