using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Trace.TraceClaim;

/// <summary>Walk a claim back to its events, its source and the exact words, verified against the source's hash.</summary>
public sealed record TraceClaim(string ClaimId, string? Dyad, DateTimeOffset? KnownAt = null) : IRequest<ClaimTrace>;

/// <summary>A looked-up id follows the same rule as a recorded one, so a look-alike id is named as such instead of "not found".</summary>
public sealed class TraceClaimValidator : AbstractValidator<TraceClaim>
{
    public TraceClaimValidator(TimeProvider clock)
    {
        Include(new QueryRules<TraceClaim>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.ClaimId).MustBeAnId();
    }
}

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
    IReadOnlyList<TracedQuote> Quotes,
    Drafting.DraftAcceptance? Drafted = null)
{
    /// <summary>Each actor's name with the entity it counts as (an identified actor, or its normal form).</summary>
    public IReadOnlyList<Application.Projections.NamedEntity> ActorEntities { get; init; } = [];
}
