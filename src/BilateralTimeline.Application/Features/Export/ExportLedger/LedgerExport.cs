using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// What an export reads from: the folded ledger, and the timeline that picks and orders its claims,
/// read a page at a time so that no export holds the whole timeline answer beside the ledger.
/// Rows are produced lazily, one at a time, so a writer streams them without holding the output.
/// </summary>
public sealed record LedgerExport(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, LedgerView View)
{
    /// <summary>
    /// Timeline items per page. Small enough that a page is a sliver of the ledger it is read from; each
    /// page walks the view's timeline order from its start, so not so small that the walks add up.
    /// </summary>
    public const int PageSize = 1_000;

    /// <summary>The exported claims in timeline order, each once.</summary>
    public IEnumerable<ClaimView> Claims()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in TimelineItems())
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

    /// <summary>
    /// The timeline `bt timeline --as-of --known-at` shows, walked through its pages (the paging
    /// GET /api/timeline offers) rather than built whole.
    /// </summary>
    public IEnumerable<TimelineItem> TimelineItems()
    {
        for (var skip = 0; ; skip += PageSize)
        {
            var page = TimelineProjection.Build(Dyad, View, AsOf, KnownAt, new TimelineWindow(Limit: PageSize, Skip: skip));
            foreach (var item in page.Items)
            {
                yield return item;
            }
            if (page.Next is null)
            {
                yield break;
            }
        }
    }

    public IEnumerable<ExportRow> Rows() => Claims().Select(c => ExportRow.Of(View, c));

    public SourceView? SourceOf(ClaimView claim) => View.Sources.GetValueOrDefault(claim.Claim.SourceId);
}
