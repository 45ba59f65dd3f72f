using BilateralTimeline.Application.Validation;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ports;
using FluentValidation;
using FluentValidation.Results;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Quotes given by their words must occur in their source exactly once (or the "nth" time), and
/// drafted proposals must be accepted by the analyst before they are recorded as judgements.
/// </summary>
public sealed class ImportQuoteWordsValidator : AbstractValidator<ImportLedgerFile>
{
    public ImportQuoteWordsValidator(IEventStore store)
    {
        RuleFor(x => x).CustomAsync(async (request, context, cancellationToken) =>
        {
            var document = request.Document;
            if (!QuoteWords.AnyByWords(document.Claims))
            {
                return;
            }
            var textOf = await QuoteWords.TextsAsync(document, request.SourceTexts, store, document.Dyad, resolveMostRecent: false, cancellationToken).ConfigureAwait(false);
            foreach (var problem in QuoteWords.Problems(document.Claims, textOf, i => $"claims[{i}]"))
            {
                context.AddFailure(new ValidationFailure(problem.Field, problem.Message));
            }
        });
        RuleFor(x => x).Custom((request, context) =>
        {
            var claims = request.Document.Claims ?? [];
            for (var i = 0; i < claims.Count; i++)
            {
                if (claims[i]?.Proposed == true && !request.AcceptProposed)
                {
                    context.AddFailure(new ValidationFailure($"claims[{i}].proposed",
                        $"claim '{claims[i]!.Id}' is a draft's proposal (cue: {claims[i]!.Cue ?? "none"}), not an analyst's judgement: review it and remove \"proposed\", or accept every proposal of the file as it stands")
                    { ErrorCode = Remedies.Code(Remedies.AcceptProposals) });
                }
            }
        });
    }
}
