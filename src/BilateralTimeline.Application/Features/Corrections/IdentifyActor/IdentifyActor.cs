using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.IdentifyActor;

/// <summary>Take a person to be one entity, under an id and the name it is shown by; its other spellings are added as aliases.</summary>
public sealed record IdentifyActor(string? Dyad, string ActorId, string Name, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new IdentifyActorCommand(ActorId, Name);
}

public sealed class IdentifyActorValidator : AbstractValidator<IdentifyActor>
{
    public IdentifyActorValidator()
    {
        RuleFor(x => x.ActorId).NotEmpty().WithMessage("is required: an id for the person, e.g. act-amirabdollahian")
            .MustBeAnId();
        RuleFor(x => x.Name).NotEmpty().WithMessage("is required: the name the person is shown by");
    }
}

public sealed class IdentifyActorHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<IdentifyActor>(ledger);
