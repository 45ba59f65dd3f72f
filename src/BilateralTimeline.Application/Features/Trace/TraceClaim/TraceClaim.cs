using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;
using MediatR;

namespace BilateralTimeline.Application.Features.Trace.TraceClaim;

/// <summary>Walk a claim back to its events, its source and the exact words, verified against the source's hash.</summary>
public sealed record TraceClaim(string ClaimId, string? Dyad, DateTimeOffset? KnownAt = null) : IRequest<ClaimTrace>;

public sealed record TracedEvent(long Position, Guid EventId, string What, DateTimeOffset Recorded, string RecordedBy, string? Reason);

public sealed record TracedQuote(int Start, int End, string Text, bool MatchesSource, string Before, string After);

public sealed record TracedSource(string SourceId, string Outlet, string Title, string Language, string? Url, UncertainTime Published, string StoredSha256, string ComputedSha256, bool HashMatches, long Position);

public sealed record ClaimTrace(
    string Dyad,
    string ClaimId,
    string Kind,
    string Summary,
    string Modality,
    string? OccurrenceId,
    string? OccurrenceTitle,
    UncertainTime Occurred,
    string? Place,
    IReadOnlyList<Actor> Actors,
    IReadOnlyList<AttributionLink> Attribution,
    Confidence RecordedConfidence,
    Confidence CurrentConfidence,
    string ConfidenceInWords,
    int ConfidenceScore,
    string Fate,
    string? Note,
    IReadOnlyList<TracedEvent> Events,
    TracedSource Source,
    IReadOnlyList<TracedQuote> Quotes);
