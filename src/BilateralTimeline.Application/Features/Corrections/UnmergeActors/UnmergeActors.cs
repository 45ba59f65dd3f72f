using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.UnmergeActors;

/// <summary>Undo a merge: the actor stands on its own again with the names it had.</summary>
public sealed record UnmergeActors(string? Dyad, string ActorId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new UnmergeActorsCommand(ActorId, Reason);
}

public sealed class UnmergeActorsValidator : AbstractValidator<UnmergeActors>
{
    public UnmergeActorsValidator()
    {
        RuleFor(x => x.ActorId).NotEmpty().WithMessage("is required: the merged actor to set apart again")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class UnmergeActorsHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<UnmergeActors>(ledger);
