using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using FluentValidation;
using FluentValidation.Results;
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
        RuleFor(x => x.Claim!.Proposed).Must(p => p != true).When(x => x.Claim is not null).OverridePropertyName("claim.proposed")
            .WithMessage("this claim is a draft's proposal, not an analyst's judgement: review it and remove \"proposed\" before recording it");
    }
}

/// <summary>A quote given by its words must occur in the (registered) source exactly once, or the "nth" time.</summary>
public sealed class RecordClaimQuoteWordsValidator : AbstractValidator<RecordClaim>
{
    public RecordClaimQuoteWordsValidator(IEventStore store)
    {
        RuleFor(x => x).CustomAsync(async (request, context, cancellationToken) =>
        {
            if (request.Claim is null || !QuoteWords.AnyByWords([request.Claim]))
            {
                return;
            }
            var textOf = await QuoteWords.TextsAsync(Single(request), new Dictionary<string, string>(), store, request.Dyad, resolveMostRecent: true, cancellationToken).ConfigureAwait(false);
            foreach (var problem in QuoteWords.Problems([request.Claim], textOf, _ => "claim"))
            {
                context.AddFailure(new ValidationFailure(problem.Field, problem.Message));
            }
        });
    }

    internal static ImportDocument Single(RecordClaim request) => new(null, 1, request.Dyad, request.RecordedBy, null, null, [request.Claim!], null, null);
}

public sealed class RecordClaimHandler(LedgerCommandService ledger, IEventStore store) : IRequestHandler<RecordClaim, RecordingResult>
{
    public async Task<RecordingResult> Handle(RecordClaim request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var document = RecordClaimQuoteWordsValidator.Single(request);
        if (QuoteWords.AnyByWords(document.Claims))
        {
            document = QuoteLocator.Fill(document, await QuoteWords.TextsAsync(document, new Dictionary<string, string>(), store, dyad.ToString(), resolveMostRecent: false, cancellationToken).ConfigureAwait(false));
        }
        var commands = SinglePart.Commands(document, "claims[0]", "claim");
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, commands, request.RecordedBy, request.ExpectedRevision), cancellationToken).ConfigureAwait(false);
        return written.ToRecording();
    }
}
