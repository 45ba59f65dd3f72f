using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
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

public sealed class IdentifyOccurrenceHandler(Ports.IEventStore store) : IRequestHandler<IdentifyOccurrence, RecordingResult>
{
    public Task<RecordingResult> Handle(IdentifyOccurrence request, CancellationToken cancellationToken) =>
        PartRecorder.RecordAsync(store, request.Dyad, SinglePart.Commands(new ImportDocument(null, 1, request.Dyad, request.RecordedBy, null, [request.Occurrence!], [], null, null), "occurrences[0]", "occurrence"), request.RecordedBy, request.ExpectedRevision, cancellationToken);
}
