using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Time;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.RedateClaim;

/// <summary>
/// Re-read when a claim's happening occurred (an analyst picks the year); the earlier reading stays in the log.
/// The reading comes as typed (first and last day, precision, the source's words) and is built here, once for every transport.
/// </summary>
public sealed record RedateClaim(
    string? Dyad, string ClaimId, string? From, string? To, string? Precision, string? Phrase, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new RedateClaimCommand(ClaimId, Reading(), Reason);

    /// <summary>One candidate interval, judged by the analyst; only called once the validator has passed.</summary>
    public UncertainTime Reading()
    {
        var first = TimeArguments.TryDate(From!)!.Value;
        var last = To is null ? first : TimeArguments.TryDate(To)!.Value;
        var precision = DatePrecision.Day;
        if (Precision is not null)
        {
            Kebab.TryParse(Precision, out precision);
        }
        return new UncertainTime(Phrase, null, [new CandidateInterval(first, last, precision, ResolutionMethod.AnalystJudgement, null, Reason)], []);
    }
}

public sealed class RedateClaimValidator : AbstractValidator<RedateClaim>
{
    public RedateClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to re-date")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
        RuleFor(x => x.From).NotEmpty().WithMessage("is required: the first day it may have happened (YYYY-MM-DD)");
        RuleFor(x => x.From).Must(t => TimeArguments.TryDate(t!) is not null).When(x => !string.IsNullOrEmpty(x.From))
            .WithMessage((_, t) => TimeArguments.DateProblem(t!));
        RuleFor(x => x.To).Must(t => TimeArguments.TryDate(t!) is not null).When(x => x.To is not null)
            .WithMessage((_, t) => TimeArguments.DateProblem(t!));
        RuleFor(x => x.To).Must((x, to) => TimeArguments.TryDate(to!) >= TimeArguments.TryDate(x.From!))
            .When(x => x.To is not null && TimeArguments.TryDate(x.To) is not null && !string.IsNullOrEmpty(x.From) && TimeArguments.TryDate(x.From) is not null)
            .WithMessage(x => $"the interval ends ({x.To}) before it starts ({x.From}); swap them");
        RuleFor(x => x.Precision).Must(p => Kebab.TryParse<DatePrecision>(p, out _)).When(x => x.Precision is not null)
            .WithMessage((_, p) => $"'{p}' is not a precision; use one of {Kebab.Options<DatePrecision>()}");
    }
}

public sealed class RedateClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<RedateClaim>(ledger);
