using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.MarkCorroboration;

/// <summary>Record that two claims independently support each other.</summary>
public sealed record MarkCorroboration(string? Dyad, string ClaimId, string OtherClaimId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new MarkCorroborationCommand(ClaimId, OtherClaimId, Reason);
}

public sealed class MarkCorroborationValidator : AbstractValidator<MarkCorroboration>
{
    public MarkCorroborationValidator()
    {
        RuleFor(x => x.ClaimId).NotEmpty().WithMessage("is required")
            .MustBeAnId();
        RuleFor(x => x.OtherClaimId).NotEmpty().WithMessage("is required: the claim that supports it")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why they are independent, for the audit trail");
    }
}

public sealed class MarkCorroborationHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<MarkCorroboration>(ledger);
