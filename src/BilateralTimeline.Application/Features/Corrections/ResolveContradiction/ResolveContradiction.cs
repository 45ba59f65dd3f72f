using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.ResolveContradiction;

/// <summary>Settle a disagreement between two claims, saying which reading holds.</summary>
public sealed record ResolveContradiction(string? Dyad, string ClaimId, string OtherClaimId, string Field, string Resolution, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new ResolveContradictionCommand(ClaimId, OtherClaimId, Field, Resolution, Reason);
}

public sealed class ResolveContradictionValidator : AbstractValidator<ResolveContradiction>
{
    public ResolveContradictionValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.Field).NotEmpty().WithMessage("is required: the field the contradiction was marked on");
        RuleFor(x => x.Resolution).NotEmpty().WithMessage("is required: which reading holds, e.g. \"2024 by the weekday and the officials named\"");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class ResolveContradictionHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<ResolveContradiction>(ledger);
