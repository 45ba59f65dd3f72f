using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using FluentValidation;
using MediatR;

namespace BilateralTimeline.Application.Features.Occurrences.IdentifyOccurrence;

/// <summary>Name a real-world happening that claims can then be linked to.</summary>
public sealed record IdentifyOccurrence(string? Dyad, OccurrenceDto? Occurrence, string RecordedBy, long? ExpectedRevision = null) : IRequest<RecordingResult>;

public sealed class IdentifyOccurrenceValidator : AbstractValidator<IdentifyOccurrence>
{
    public IdentifyOccurrenceValidator()
    {
        RuleFor(x => x.Occurrence).NotNull().WithMessage("is required: {\"id\": \"occ-…\", \"title\": \"what happened\"}");
        RuleFor(x => x.Occurrence!).SetValidator(new OccurrenceDtoValidator()).When(x => x.Occurrence is not null);
    }
}

public sealed class IdentifyOccurrenceHandler(LedgerCommandService ledger) : IRequestHandler<IdentifyOccurrence, RecordingResult>
{
    public async Task<RecordingResult> Handle(IdentifyOccurrence request, CancellationToken cancellationToken)
    {
        var dyad = await ledger.ResolveDyadAsync(request.Dyad, cancellationToken).ConfigureAwait(false);
        var commands = SinglePart.Commands(new ImportDocument(null, 1, request.Dyad, request.RecordedBy, null, [request.Occurrence!], [], null, null), "occurrences[0]", "occurrence");
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, commands, request.RecordedBy, request.ExpectedRevision), cancellationToken).ConfigureAwait(false);
        return written.ToRecording();
    }
}
