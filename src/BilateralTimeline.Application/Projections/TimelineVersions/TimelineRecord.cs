using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// What a timeline item prints of one entry version, derived once when the version is stored: everything
/// <see cref="TimelineProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, TimelineWindow)"/> shows
/// that depends on the version alone. What depends on the count or the as-of it is shown at (the standing,
/// contradictions open then, a source's outlet then, tenure findings) is added by <see cref="ToItem"/>.
/// </summary>
internal sealed record TimelineRecord(
    string Id, string Title, bool IsOccurrence, string When, string? Phrase, DateOnly? Earliest, DateOnly? Latest,
    string Precision, bool TimeContested, bool Retracted, IReadOnlyList<string> TimeFindings,
    IReadOnlyList<RecordedClaim> Claims, IReadOnlyList<long> EventPositions)
{
    /// <summary>
    /// The record of <paramref name="entry"/>; an occurrence's own position is the version's order (a version
    /// of an occurrence is made from its record as the fold holds it, and re-identifying it makes a new one).
    /// </summary>
    public static TimelineRecord Of(Entry entry, long order)
    {
        var positions = new SortedSet<long>();
        if (entry.IsOccurrence)
        {
            positions.Add(order);
        }
        foreach (var claim in entry.Claims)
        {
            positions.Add(claim.Position);
            foreach (var change in claim.Changes)
            {
                positions.Add(change.Position);
            }
        }
        var claims = entry.Claims.Select(c => new RecordedClaim(
            c.Claim.ClaimId, c.Claim.Kind, TimelineProjection.Format(c.Claim.Modality), c.Claim.Summary, c.Claim.SourceId,
            c.Confidence.Grade, ConfidenceScale.Score(c.Confidence), c.Retracted, c.SupersededBy, [.. c.CorroboratedBy], [.. c.ContradictedBy],
            c.Position, c.EventId, c.IsLive)).ToList();
        return new TimelineRecord(
            entry.Id, entry.Title, entry.IsOccurrence, entry.Time.ToString(), entry.Time.Phrase, entry.Time.Earliest, entry.Time.Latest,
            TimelineProjection.Format(entry.Time.Precision), entry.Time.IsContested, entry.Retracted, entry.Time.Findings, claims, [.. positions]);
    }

    /// <summary>The item as the fold's timeline prints it at a count and as-of, given what holds then (see <see cref="TimelineProjection.Findings"/>).</summary>
    public TimelineItem ToItem(
        TimeStanding standing, IReadOnlySet<string> contested, IReadOnlyDictionary<string, List<string>> doubts,
        IReadOnlyDictionary<string, IReadOnlyList<string>> tenureFindings, Func<string, string> outletOf)
    {
        var extra = Claims.SelectMany(c => tenureFindings.GetValueOrDefault(c.ClaimId) ?? [])
            .Concat(Claims.Where(c => c.IsLive).SelectMany(c => doubts.GetValueOrDefault(c.ClaimId) ?? []))
            .ToList();
        var findings = extra.Count == 0 ? TimeFindings : [.. TimeFindings, .. extra];
        return new TimelineItem(
            Id, Title, IsOccurrence, When, Phrase, Earliest, Latest, Precision, TimelineProjection.Format(standing),
            TimeContested || Claims.Any(c => c.IsLive && contested.Contains(c.ClaimId)), Retracted, findings,
            Claims.Select(c => new TimelineClaim(
                c.ClaimId, c.Kind, c.Modality, c.Summary, c.SourceId, outletOf(c.SourceId), c.Grade, c.ConfidenceScore, c.Retracted,
                c.SupersededBy, c.CorroboratedBy, c.ContradictedBy, c.Position, c.EventId)).ToList(),
            EventPositions);
    }
}

/// <summary>One claim of a <see cref="TimelineRecord"/> as the timeline prints it, and whether it was live in that version.</summary>
internal sealed record RecordedClaim(
    string ClaimId, string Kind, string Modality, string Summary, string SourceId, string Grade, int ConfidenceScore, bool Retracted,
    string? SupersededBy, IReadOnlyList<string> CorroboratedBy, IReadOnlyList<string> ContradictedBy, long Position, Guid EventId, bool IsLive);

/// <summary>A contradiction as the timeline reads it, open from count <see cref="Opened"/> until <see cref="Resolved"/>.</summary>
internal sealed record StoredContradiction(ContradictionRecord Record, int Opened, int Resolved = int.MaxValue);

/// <summary>A source's outlet and publication day from count <see cref="From"/> on (until it is registered again).</summary>
internal readonly record struct StoredSource(string SourceId, int From, string Outlet, DateOnly? Published);

/// <summary>A version stored in an earlier segment that stopped being alive at <see cref="To"/>.</summary>
internal readonly record struct TimelineEnd(int Version, int To);

