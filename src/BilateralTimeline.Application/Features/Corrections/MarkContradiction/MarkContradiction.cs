using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.MarkContradiction;

/// <summary>Record that two claims disagree, and on which field (date, fact, motive, place, actor).</summary>
public sealed record MarkContradiction(string? Dyad, string ClaimId, string OtherClaimId, string Field, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new Domain.Ledger.MarkContradiction(ClaimId, OtherClaimId, Field, Reason);
}

public sealed class MarkContradictionValidator : AbstractValidator<MarkContradiction>
{
    public MarkContradictionValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required: the claim it disagrees with")
            .MustBeAnId();
        RuleFor(x => x.Field).NotEmpty().WithMessage("is required: what they disagree on (date, fact, motive, place, actor)");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say how they disagree, for the audit trail");
    }
}

public sealed class MarkContradictionHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<MarkContradiction>(ledger);
