using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Time;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Explain.ExplainOccurrence;

/// <summary>How an occurrence's confidence and its pull on the relationship score were computed, at a valid-time date and a recording time.</summary>
public sealed record ExplainOccurrence(string OccurrenceId, string? Dyad, DateOnly? AsOf, DateTimeOffset? KnownAt) : IRequest<OccurrenceExplanation>;

/// <summary>A looked-up id follows the same rule as a recorded one, so a look-alike id is named as such instead of "not found".</summary>
public sealed class ExplainOccurrenceValidator : AbstractValidator<ExplainOccurrence>
{
    public ExplainOccurrenceValidator(TimeProvider clock)
    {
        Include(new QueryRules<ExplainOccurrence>(clock, x => x.Dyad, x => x.KnownAt));
        RuleFor(x => x.OccurrenceId).MustBeAnId();
    }
}

public sealed record ExplainedClaim(
    string ClaimId, string Kind, string Modality, string Summary, string SourceId, string Outlet, string Origin,
    string Grade, int ConfidenceScore, bool Live, string Fate, string When, long Position)
{
    /// <summary>Each actor's name with the entity it counts as, then the origin's: who a spelling was taken to be.</summary>
    public IReadOnlyList<NamedEntity> Entities { get; init; } = [];
}

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
    string? NotCountedBecause,
    OccurrenceTimeJudgement? TimeJudgement = null);
