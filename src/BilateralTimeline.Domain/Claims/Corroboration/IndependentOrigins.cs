namespace BilateralTimeline.Domain.Claims.Corroboration;

/// <summary>
/// Where a claim's information comes from, for counting independent corroboration: its innermost attribution that
/// is an agency or an outlet (two articles citing the same agency are one origin, not two), else its source. A
/// cited name that is a collective description (<see cref="CollectiveNames"/>) identifies no one: kind
/// <see cref="CollectiveKind"/>, never an independent origin.
/// </summary>
public static class IndependentOrigins
{
    /// <summary>The origin kind of a claim that cites a collective description instead of an identified outlet or agency.</summary>
    public const string CollectiveKind = "collective";

    /// <summary>The origin kind of a claim that cites no agency or outlet: its source is its origin.</summary>
    public const string SourceKind = "source";

    /// <summary>The innermost agency or outlet the claim cites (kind "agency", "outlet" or "collective"), else its source (kind "source").</summary>
    public static (string Origin, string Kind) Of(ClaimRecorded claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var cited = claim.Attribution.LastOrDefault(a => a.Kind is AttributionKind.Agency or AttributionKind.Outlet);
        if (cited is null)
        {
            return (claim.SourceId, SourceKind);
        }
        var name = cited.Name.Trim();
        return CollectiveNames.IsCollective(name)
            ? (name, CollectiveKind)
            : (name, cited.Kind == AttributionKind.Agency ? "agency" : "outlet");
    }

}
