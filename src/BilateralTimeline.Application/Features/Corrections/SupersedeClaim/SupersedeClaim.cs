using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.SupersedeClaim;

/// <summary>Replace a claim by a newer one: the old one stops counting and points to its replacement.</summary>
public sealed record SupersedeClaim(string? Dyad, string ClaimId, string SupersededBy, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new SupersedeClaimCommand(ClaimId, SupersededBy, Reason);
}

public sealed class SupersedeClaimValidator : AbstractValidator<SupersedeClaim>
{
    public SupersedeClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required: the claim being replaced")
            .MustBeAnId();
        RuleFor(x => x.SupersededBy).NotEmpty().WithMessage("is required: the newer claim that replaces it")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class SupersedeClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<SupersedeClaim>(ledger);
