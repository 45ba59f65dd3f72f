using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

public sealed record TimelineClaim(
    string ClaimId, string Kind, string Modality, string Summary, string SourceId, string Outlet,
    string Grade, int ConfidenceScore, bool Retracted, string? SupersededBy, IReadOnlyList<string> CorroboratedBy, IReadOnlyList<string> ContradictedBy,
    long Position, Guid EventId);

public sealed record TimelineItem(
    string Id, string Title, bool IsOccurrence, string When, string? Phrase, DateOnly? Earliest, DateOnly? Latest,
    string Precision, string Standing, bool Contested, bool Retracted, IReadOnlyList<string> Findings,
    IReadOnlyList<TimelineClaim> Claims, IReadOnlyList<long> EventPositions);

/// <summary>
/// Occurrences in occurrence-time order, at a valid-time date, with the claims and events behind each.
/// <see cref="Next"/> is the cursor of the following page when the answer was cut at a limit.
/// </summary>
public sealed record TimelineView(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, long LastPosition, IReadOnlyList<TimelineItem> Items, string? Next = null);

/// <summary>
/// A slice of the timeline: the items whose days overlap [<see cref="From"/>, <see cref="To"/>] (either
/// end open; undated items have no days, so a bound leaves them out), after the first <see cref="Skip"/>,
/// at most <see cref="Limit"/>.
/// </summary>
public sealed record TimelineWindow(DateOnly? From = null, DateOnly? To = null, int? Limit = null, int Skip = 0)
{
    public static readonly TimelineWindow All = new();

    internal bool Covers(UncertainTime time) =>
        (From is not { } from || (time.Latest is { } latest && latest >= from))
        && (To is not { } to || (time.Earliest is { } earliest && earliest <= to));
}

public static class TimelineProjection
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFindings = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Builds the timeline at <paramref name="asOf"/>: what had occurred by then, what possibly had
    /// (interval straddles the date: shown, flagged, not dropped), and undated claims whose source was
    /// published by then. Stand-alone opinions are assessments, not happenings: they stay in the audit.
    /// </summary>
    public static TimelineView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt) =>
        Build(dyad, view, asOf, knownAt, TimelineWindow.All);

    /// <summary>
    /// One page of <see cref="Build(string, LedgerView, DateOnly, DateTimeOffset?)"/>: exactly the slice of
    /// the whole answer the window names. Only the page's items are built: the order is the view's
    /// (see <see cref="ViewMemo.TimelineOrder"/>), so a page costs a walk of the entries, not a sort.
    /// </summary>
    public static TimelineView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window)
    {
        var memo = ViewMemo.Of(view);
        IReadOnlyDictionary<string, IReadOnlyList<string>>? tenureFindings = null;
        IReadOnlyDictionary<string, List<string>>? doubts = null;
        var items = new List<TimelineItem>();
        string? next = null;
        var matched = 0;
        foreach (var entry in memo.TimelineOrder)
        {
            if (!entry.IsOccurrence && entry.Claims[0].Claim.Modality == Modality.Opinion)
            {
                continue;
            }
            var standing = entry.Time.StandingAt(asOf);
            if (standing == TimeStanding.NotYet || (standing == TimeStanding.Undated && !PublishedBy(view, entry, asOf)) || !window.Covers(entry.Time))
            {
                continue;
            }
            if (matched++ < window.Skip)
            {
                continue;
            }
            if (window.Limit is { } limit && items.Count == limit)
            {
                next = PageCursor.Encode(window.Skip + limit);
                break;
            }
            tenureFindings ??= memo.EndsTenures ? ActorsProjection.FindingsByClaim(view, asOf) : NoFindings;
            doubts ??= Entries.DoubtsByClaim(view);
            items.Add(new TimelineItem(
                entry.Id, entry.Title, entry.IsOccurrence, entry.Time.ToString(), entry.Time.Phrase, entry.Time.Earliest, entry.Time.Latest,
                Format(entry.Time.Precision), Format(standing), entry.Contested, entry.Retracted, Findings(entry, tenureFindings, doubts),
                entry.Claims.Select(c => ToClaim(view, c)).ToList(),
                EventPositions(view, entry)));
        }
        return new TimelineView(dyad, asOf, knownAt, view.LastPosition, items, next);
    }

    /// <summary>
    /// The time's own findings, then the tenure findings (see <see cref="ActorsProjection"/>) about the entry's
    /// claims, then the sides of it open contradictions put in doubt (<see cref="Entries.DoubtsByClaim"/>).
    /// </summary>
    internal static IReadOnlyList<string> Findings(Entry entry, IReadOnlyDictionary<string, IReadOnlyList<string>> tenureFindings, IReadOnlyDictionary<string, List<string>> doubts)
    {
        var extra = entry.Claims.SelectMany(c => tenureFindings.GetValueOrDefault(c.Claim.ClaimId) ?? [])
            .Concat(entry.Live.SelectMany(c => doubts.GetValueOrDefault(c.Claim.ClaimId) ?? []))
            .ToList();
        return extra.Count == 0 ? entry.Time.Findings : [.. entry.Time.Findings, .. extra];
    }

    internal static bool PublishedBy(LedgerView view, Entry entry, DateOnly asOf) =>
        entry.Claims.Any(c => !view.Sources.TryGetValue(c.Claim.SourceId, out var s) || s.Source.Published.Earliest is not { } earliest || earliest <= asOf);

    internal static IReadOnlyList<long> EventPositions(LedgerView view, Entry entry)
    {
        var positions = new SortedSet<long>();
        if (entry.IsOccurrence && view.Occurrences.TryGetValue(entry.Id, out var occurrence))
        {
            positions.Add(occurrence.Position);
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

    private static TimelineClaim ToClaim(LedgerView view, ClaimView c) => new(
        c.Claim.ClaimId, c.Claim.Kind, Format(c.Claim.Modality), c.Claim.Summary, c.Claim.SourceId,
        view.Sources.TryGetValue(c.Claim.SourceId, out var s) ? s.Source.Outlet : "?",
        c.Confidence.Grade, ConfidenceScale.Score(c.Confidence), c.Retracted, c.SupersededBy, c.CorroboratedBy, c.ContradictedBy, c.Position, c.EventId);

    internal static string Format<T>(T value) where T : struct, Enum => Serialization.Kebab.Format(value);
}
