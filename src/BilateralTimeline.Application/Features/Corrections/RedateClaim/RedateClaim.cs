using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Time;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.RedateClaim;

/// <summary>Re-read when a claim's happening occurred (an analyst picks the year); the earlier reading stays in the log.</summary>
public sealed record RedateClaim(string? Dyad, string ClaimId, UncertainTime Occurred, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new RedateClaimCommand(ClaimId, Occurred, Reason);
}

public sealed class RedateClaimValidator : AbstractValidator<RedateClaim>
{
    public RedateClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to re-date")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class RedateClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<RedateClaim>(ledger);
