using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.MergeActors;

/// <summary>Take two identified actors to be one person: the first's names count as the second (a reversible merge).</summary>
public sealed record MergeActors(string? Dyad, string ActorId, string IntoActorId, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new MergeActorsCommand(ActorId, IntoActorId, Reason);
}

public sealed class MergeActorsValidator : AbstractValidator<MergeActors>
{
    public MergeActorsValidator()
    {
        RuleFor(x => x.ActorId).NotEmpty().WithMessage("is required: the actor to merge")
            .MustBeAnId();
        RuleFor(x => x.IntoActorId).NotEmpty().WithMessage("is required: the actor it is the same person as")
            .MustBeAnId();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class MergeActorsHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<MergeActors>(ledger);
