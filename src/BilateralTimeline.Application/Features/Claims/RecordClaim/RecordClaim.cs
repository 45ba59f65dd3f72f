using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Claims.RecordClaim;

/// <summary>
/// Record one claim from a registered source (and link it to its occurrence when it names one), in
/// the same shape as one entry of an import file's "claims".
/// </summary>
public sealed record RecordClaim(string? Dyad, ClaimDto? Claim, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class RecordClaimValidator : AbstractValidator<RecordClaim>
{
    public RecordClaimValidator()
    {
        RuleFor(x => x.Claim).NotNull().WithMessage("is required: the claim, as one entry of an import file's \"claims\"");
        RuleFor(x => x.Claim!).SetValidator(new ClaimDtoValidator()).When(x => x.Claim is not null);
    }
}

public sealed class RecordClaimHandler(LedgerCommandService ledger) : IRequestHandler<RecordClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(RecordClaim request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var commands = SinglePart.Commands(new ImportDocument(null, 1, request.Dyad, request.RecordedBy, null, null, [request.Claim!], null, null), "claims[0]", "claim");
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, commands, request.RecordedBy, request.ExpectedRevision), cancellationToken).ConfigureAwait(false);
        return written.ToRecording();
    }
}
