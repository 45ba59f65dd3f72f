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

/// <summary>Occurrences in occurrence-time order, at a valid-time date, with the claims and events behind each.</summary>
public sealed record TimelineView(string Dyad, DateOnly AsOf, DateTimeOffset? KnownAt, long LastPosition, IReadOnlyList<TimelineItem> Items);

public static class TimelineProjection
{
    /// <summary>
    /// Builds the timeline at <paramref name="asOf"/>: what had occurred by then, what possibly had
    /// (interval straddles the date: shown, flagged, not dropped), and undated claims whose source was
    /// published by then. Stand-alone opinions are assessments, not happenings: they stay in the audit.
    /// </summary>
    public static TimelineView Build(string dyad, LedgerView view, DateOnly asOf, DateTimeOffset? knownAt)
    {
        var items = new List<TimelineItem>();
        var tenureFindings = ActorsProjection.FindingsByClaim(view, asOf);
        foreach (var entry in Entries.Build(view))
        {
            if (!entry.IsOccurrence && entry.Claims[0].Claim.Modality == Modality.Opinion)
            {
                continue;
            }
            var standing = entry.Time.StandingAt(asOf);
            if (standing == TimeStanding.NotYet || (standing == TimeStanding.Undated && !PublishedBy(view, entry, asOf)))
            {
                continue;
            }
            items.Add(new TimelineItem(
                entry.Id, entry.Title, entry.IsOccurrence, entry.Time.ToString(), entry.Time.Phrase, entry.Time.Earliest, entry.Time.Latest,
                Format(entry.Time.Precision), Format(standing), entry.Contested, entry.Retracted, Findings(entry, tenureFindings),
                entry.Claims.Select(c => ToClaim(view, c)).ToList(),
                EventPositions(view, entry)));
        }
        var ordered = items
            .OrderBy(i => i.Earliest is null)
            .ThenBy(i => i.Earliest)
            .ThenBy(i => i.Latest)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToList();
        return new TimelineView(dyad, asOf, knownAt, view.LastPosition, ordered);
    }

    /// <summary>The time's own findings, then the tenure findings (see <see cref="ActorsProjection"/>) about the entry's claims.</summary>
    private static IReadOnlyList<string> Findings(Entry entry, IReadOnlyDictionary<string, IReadOnlyList<string>> tenureFindings)
    {
        var extra = entry.Claims.SelectMany(c => tenureFindings.GetValueOrDefault(c.Claim.ClaimId) ?? []).ToList();
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
