using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.ReviseConfidence;

/// <summary>Grade a claim anew; the previous grade stays in the log next to the reason for the change.</summary>
public sealed record ReviseConfidence(string? Dyad, string ClaimId, string Reliability, int Credibility, string? Likelihood, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new ReviseConfidenceCommand(ClaimId, ImportMapper.Confidence(new ConfidenceDto(Reliability, Credibility, Likelihood)), Reason);
}

public sealed class ReviseConfidenceValidator : AbstractValidator<ReviseConfidence>
{
    public ReviseConfidenceValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to re-grade")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
        RuleFor(x => new ConfidenceDto(x.Reliability, x.Credibility, x.Likelihood)).SetValidator(new ConfidenceDtoValidator()).OverridePropertyName("confidence");
    }
}

public sealed class ReviseConfidenceHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<ReviseConfidence>(ledger);
