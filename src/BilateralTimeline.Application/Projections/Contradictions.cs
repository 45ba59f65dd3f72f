namespace BilateralTimeline.Application.Projections;

/// <summary>One side of a disagreement: the claim, where it came from and what became of it.</summary>
public sealed record ContradictionSide(string ClaimId, string Summary, string SourceId, string Outlet, string? OccurrenceId, string Grade, string Fate);

public sealed record ContradictionLine(
    string Status,
    string Field,
    string Reason,
    ContradictionSide Claim,
    ContradictionSide Other,
    EventRef Opened,
    ContradictionResolution? Resolved,
    string? Detail = null);

/// <summary>Every disagreement between claims known at a recording time, open ones first.</summary>
/// <summary><see cref="Next"/> is the cursor of the following page when the answer was cut at a limit.</summary>
public sealed record ContradictionsView(string Dyad, DateTimeOffset? KnownAt, long LastPosition, int Open, int Resolved, IReadOnlyList<ContradictionLine> Items, string? Next = null);

public static class ContradictionsProjection
{
    public const string OpenStatus = "open";

    public const string ResolvedStatus = "resolved";

    /// <summary>
    /// Lists the disagreements of <paramref name="view"/> (already folded at the known-at), open ones
    /// first, each group in the order they were opened; <paramref name="openOnly"/> drops resolved ones.
    /// </summary>
    public static ContradictionsView Build(string dyad, LedgerView view, DateTimeOffset? knownAt, bool openOnly)
    {
        var items = view.Contradictions
            .Where(c => !openOnly || c.IsOpen)
            .OrderBy(c => c.IsOpen ? 0 : 1)
            .ThenBy(c => c.Opened.Position)
            .Select(c => new ContradictionLine(
                c.IsOpen ? OpenStatus : ResolvedStatus, c.Field, c.Reason, Side(view, c.ClaimId), Side(view, c.OtherClaimId), c.Opened, c.Resolved, c.Detail))
            .ToList();
        return new ContradictionsView(dyad, knownAt, view.LastPosition, view.Contradictions.Count(c => c.IsOpen), view.Contradictions.Count(c => !c.IsOpen), items);
    }

    private static ContradictionSide Side(LedgerView view, string claimId)
    {
        if (!view.Claims.TryGetValue(claimId, out var claim))
        {
            return new ContradictionSide(claimId, "?", "?", "?", null, "?", "unknown");
        }
        var outlet = view.Sources.TryGetValue(claim.Claim.SourceId, out var source) ? source.Source.Outlet : "?";
        return new ContradictionSide(claimId, claim.Claim.Summary, claim.Claim.SourceId, outlet, claim.OccurrenceId, claim.Confidence.Grade, SourceAuditProjection.Fate(claim));
    }
}
