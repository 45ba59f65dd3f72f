using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.RetractClaim;

/// <summary>Stop believing a claim. It stays in history, with the reason, the author and the time.</summary>
public sealed record RetractClaim(string? Dyad, string ClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new RetractClaimCommand(ClaimId, Reason);
}

public sealed class RetractClaimValidator : AbstractValidator<RetractClaim>
{
    public RetractClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim to retract").WithRemedy(Remedy.ListClaims)
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class RetractClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<RetractClaim>(ledger);
