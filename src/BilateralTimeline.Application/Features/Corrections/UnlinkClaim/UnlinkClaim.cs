using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.UnlinkClaim;

/// <summary>Undo a link: the claim no longer describes its occurrence (a split).</summary>
public sealed record UnlinkClaim(string? Dyad, string ClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new UnlinkClaimCommand(ClaimId, Reason);
}

public sealed class UnlinkClaimValidator : AbstractValidator<UnlinkClaim>
{
    public UnlinkClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class UnlinkClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<UnlinkClaim>(ledger);
