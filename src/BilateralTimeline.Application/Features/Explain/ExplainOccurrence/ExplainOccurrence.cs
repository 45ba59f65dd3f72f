using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Time;
using MediatR;

namespace BilateralTimeline.Application.Features.Explain.ExplainOccurrence;

/// <summary>How an occurrence's confidence and its pull on the relationship score were computed, at a valid-time date and a recording time.</summary>
public sealed record ExplainOccurrence(string OccurrenceId, string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<OccurrenceExplanation>;

public sealed record ExplainedClaim(
    string ClaimId, string Kind, string Modality, string Summary, string SourceId, string Outlet, string Origin,
    string Grade, int ConfidenceScore, bool Live, string Fate, string When, long Position);

public sealed record OccurrenceExplanation(
    string Dyad,
    string OccurrenceId,
    string Title,
    DateOnly AsOf,
    DateTimeOffset? KnownAt,
    string When,
    string Standing,
    UncertainTime Time,
    IReadOnlyList<ExplainedClaim> Claims,
    OccurrenceConfidenceResult Confidence,
    double? RelationshipScore,
    string Band,
    ScoreContribution? Contribution,
    string? NotCountedBecause);
