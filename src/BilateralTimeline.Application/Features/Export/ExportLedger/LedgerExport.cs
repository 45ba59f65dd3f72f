using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// What an export reads from: the folded ledger and the timeline that picks and orders its claims.
/// Rows are produced lazily, one at a time, so a writer streams them without holding the output.
/// </summary>
public sealed record LedgerExport(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, LedgerView View, TimelineView Timeline)
{
    /// <summary>The exported claims in timeline order, each once.</summary>
    public IEnumerable<ClaimView> Claims()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Timeline.Items)
        {
            foreach (var claim in item.Claims)
            {
                if (seen.Add(claim.ClaimId) && View.Claims.TryGetValue(claim.ClaimId, out var view))
                {
                    yield return view;
                }
            }
        }
    }

    public IEnumerable<ExportRow> Rows() => Claims().Select(c => ExportRow.Of(View, c));

    public SourceView? SourceOf(ClaimView claim) => View.Sources.GetValueOrDefault(claim.Claim.SourceId);
}
