using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Projections;

public sealed record AuditedClaim(string ClaimId, string Kind, string Modality, string Summary, string Grade, string Fate, IReadOnlyList<string> History, long Position);

public sealed record AuditedSource(
    string SourceId, string Outlet, string Title, string Language, string Published, string Sha256, bool TextMatchesHash,
    int TextLength, long Position, IReadOnlyList<AuditedClaim> Claims);

/// <summary>Per source: the claims taken from it and what became of each.</summary>
public static class SourceAuditProjection
{
    public static IReadOnlyList<AuditedSource> Build(LedgerView view) => view.Sources.Values
        .OrderBy(s => s.Position)
        .Select(s => new AuditedSource(
            s.Source.SourceId, s.Source.Outlet, s.Source.Title, s.Source.Language, s.Source.Published.ToString(), s.Source.Sha256,
            SourceText.Sha256Hex(s.Source.Text) == s.Source.Sha256, s.Source.Text.Length, s.Position,
            view.Claims.Values.Where(c => c.Claim.SourceId == s.Source.SourceId).OrderBy(c => c.Position).Select(Audit).ToList()))
        .ToList();

    private static AuditedClaim Audit(ClaimView c) => new(
        c.Claim.ClaimId, c.Claim.Kind, TimelineProjection.Format(c.Claim.Modality), c.Claim.Summary, c.Confidence.Grade, Fate(c),
        c.Changes.Select(x => $"#{x.Position} {x.What}: {x.Reason}").ToList(), c.Position);

    public static string Fate(ClaimView c)
    {
        if (c.Retracted)
        {
            return "retracted";
        }
        if (c.SupersededBy is { } newer)
        {
            return $"superseded by {newer}";
        }
        var parts = new List<string>();
        if (c.Confidence != c.Claim.Confidence)
        {
            parts.Add($"revised {c.Claim.Confidence.Grade}→{c.Confidence.Grade}");
        }
        if (c.ContradictedBy.Count > 0)
        {
            parts.Add($"contradicted by {string.Join(", ", c.ContradictedBy)}");
        }
        if (c.CorroboratedBy.Count > 0)
        {
            parts.Add($"corroborated by {string.Join(", ", c.CorroboratedBy)}");
        }
        return parts.Count == 0 ? "standing" : string.Join("; ", parts);
    }
}
