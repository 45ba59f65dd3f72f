using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.LinkClaim;

/// <summary>Take a claim to describe an occurrence (a reversible merge).</summary>
public sealed record LinkClaim(string? Dyad, string ClaimId, string OccurrenceId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new LinkClaimCommand(ClaimId, OccurrenceId, Reason);
}

public sealed class LinkClaimValidator : AbstractValidator<LinkClaim>
{
    public LinkClaimValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.OccurrenceId).NotEmpty().WithMessage("is required: the occurrence the claim describes")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class LinkClaimHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<LinkClaim>(ledger);
