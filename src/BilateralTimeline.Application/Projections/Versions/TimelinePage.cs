using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// <see cref="TimelineProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, TimelineWindow)"/> answered
/// from entry versions instead of a view: the entries alive at the known-at's event count come from
/// <see cref="TimelineOrder"/> already in the timeline's order, the rest of what an item shows from
/// <see cref="TimelineSides"/>. Only tenure findings need a view (they weigh every live claim naming an
/// office holder), and only from the first claim that vacates an office on.
/// </summary>
internal static class TimelinePage
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFindings = new Dictionary<string, IReadOnlyList<string>>();

    public static async Task<TimelineView> BuildAsync(
        string dyad, TimelineOrder order, TimelineSides sides, int count, long lastPosition, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window,
        Func<Task<LedgerView>> view)
    {
        var (page, next) = Select(order, sides, count, asOf, window);
        var items = new List<TimelineItem>(page.Count);
        if (page.Count > 0)
        {
            var tenureFindings = NoFindings;
            if (count >= sides.FirstTenureEnd)
            {
                var folded = await view().ConfigureAwait(false);
                tenureFindings = ViewMemo.Of(folded).EndsTenures ? ActorsProjection.FindingsByClaim(folded, asOf) : NoFindings;
            }
            var open = sides.OpenAt(count).ToList();
            var contested = Entries.ContestedClaimsOf(open);
            var doubts = Entries.DoubtsOf(open);
            foreach (var (entry, standing) in page)
            {
                var judged = entry with { ContestedClaimIds = contested };
                items.Add(new TimelineItem(
                    entry.Id, entry.Title, entry.IsOccurrence, entry.Time.ToString(), entry.Time.Phrase, entry.Time.Earliest, entry.Time.Latest,
                    TimelineProjection.Format(entry.Time.Precision), TimelineProjection.Format(standing), judged.Contested, entry.Retracted,
                    TimelineProjection.Findings(entry, tenureFindings, doubts),
                    entry.Claims.Select(c => ToClaim(sides, count, c)).ToList(),
                    EventPositions(sides, count, entry)));
            }
        }
        return new TimelineView(dyad, asOf, knownAt, lastPosition, items, next);
    }

    /// <summary>The window's entries at <paramref name="count"/> with their standing, and the next page's cursor, as the fold-based walk picks them.</summary>
    private static (List<(Entry Entry, TimeStanding Standing)> Page, string? Next) Select(TimelineOrder order, TimelineSides sides, int count, DateOnly asOf, TimelineWindow window)
    {
        var page = new List<(Entry, TimeStanding)>();
        var matched = 0;
        // Later than as-of is "not yet"; undated entries have no days, so any bound leaves them out.
        var lastDay = window.To is { } to && to < asOf ? to : asOf;
        var undated = window.From is null && window.To is null;
        string? next = null;
        order.Walk(count, window.From, lastDay, undated, entry =>
        {
            if (!entry.IsOccurrence && entry.Claims[0].Claim.Modality == Modality.Opinion)
            {
                return true;
            }
            var standing = entry.Time.StandingAt(asOf);
            if (standing == TimeStanding.NotYet || (standing == TimeStanding.Undated && !PublishedBy(sides, count, entry, asOf)) || !window.Covers(entry.Time))
            {
                return true;
            }
            if (matched++ < window.Skip)
            {
                return true;
            }
            if (window.Limit is { } limit && page.Count == limit)
            {
                next = PageCursor.Encode(window.Skip + limit);
                return false;
            }
            page.Add((entry, standing));
            return true;
        });
        return (page, next);
    }

    private static bool PublishedBy(TimelineSides sides, int count, Entry entry, DateOnly asOf) =>
        entry.Claims.Any(c => sides.PublishedBy(c.Claim.SourceId, count, asOf));

    private static List<long> EventPositions(TimelineSides sides, int count, Entry entry)
    {
        var positions = new SortedSet<long>();
        if (entry.IsOccurrence && sides.OccurrencePosition(entry.Id, count) is { } position)
        {
            positions.Add(position);
        }
        foreach (var claim in entry.Claims)
        {
            positions.Add(claim.Position);
            foreach (var change in claim.Changes)
            {
                positions.Add(change.Position);
            }
        }
        return positions.ToList();
    }

    private static TimelineClaim ToClaim(TimelineSides sides, int count, ClaimView c) => new(
        c.Claim.ClaimId, c.Claim.Kind, TimelineProjection.Format(c.Claim.Modality), c.Claim.Summary, c.Claim.SourceId,
        sides.OutletAt(c.Claim.SourceId, count),
        c.Confidence.Grade, ConfidenceScale.Score(c.Confidence), c.Retracted, c.SupersededBy, c.CorroboratedBy, c.ContradictedBy, c.Position, c.EventId);
}
