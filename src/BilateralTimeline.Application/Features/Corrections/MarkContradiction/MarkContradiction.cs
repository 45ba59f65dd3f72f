using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.MarkContradiction;

/// <summary>
/// Record that two claims disagree, on which field of <see cref="ContradictionFields"/> and, in the free
/// <see cref="Detail"/>, on what exactly; the contradiction is about <see cref="ClaimId"/>, the other claim
/// being the evidence against it (on fact, both).
/// </summary>
public sealed record MarkContradiction(string? Dyad, string ClaimId, string OtherClaimId, string Field, string Reason, string RecordedBy, long? ExpectedRevision = null, string? Detail = null) : ICorrection
{
    public LedgerCommand ToCommand() => new MarkContradictionCommand(ClaimId, OtherClaimId, Field, Reason, Detail);
}

public sealed class MarkContradictionValidator : AbstractValidator<MarkContradiction>
{
    public MarkContradictionValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required: the claim it disagrees with")
            .MustBeAnId();
        RuleFor(x => x.Field).Must(ContradictionFields.IsField)
            .WithMessage((_, f) => $"{(string.IsNullOrEmpty(f) ? "is required" : $"'{f}' is not a contradiction field")}: use one of {ContradictionFields.Listed} (say more with the detail)");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say how they disagree, for the audit trail");
    }
}

public sealed class MarkContradictionHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<MarkContradiction>(ledger);
