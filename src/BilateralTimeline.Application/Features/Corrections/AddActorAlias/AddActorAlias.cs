using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Ledger;
using FluentValidation;

namespace BilateralTimeline.Application.Features.Corrections.AddActorAlias;

/// <summary>Another spelling (a transliteration, the Arabic script) names an identified actor.</summary>
public sealed record AddActorAlias(string? Dyad, string ActorId, string Alias, string Reason, string RecordedBy, long? ExpectedRevision = null) : ICorrection
{
    public LedgerCommand ToCommand() => new AddActorAliasCommand(ActorId, Alias, Reason);
}

public sealed class AddActorAliasValidator : AbstractValidator<AddActorAlias>
{
    public AddActorAliasValidator()
    {
        RuleFor(x => x.ActorId).NotEmpty().WithMessage("is required: the identified actor").WithRemedy(Remedy.ListActors)
            .MustBeAnId();
        RuleFor(x => x.Alias).NotEmpty().WithMessage("is required: the other spelling of the name");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("is required: say why, for the audit trail");
    }
}

public sealed class AddActorAliasHandler(Ledger.LedgerCommandService ledger) : CorrectionHandler<AddActorAlias>(ledger);
