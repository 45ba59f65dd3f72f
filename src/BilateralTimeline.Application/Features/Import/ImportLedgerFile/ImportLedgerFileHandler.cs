using System.Security.Cryptography;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using MediatR;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Decides the whole file against the ledger, collecting every rule broken (with its path), and
/// appends all resulting events in one atomic append, or nothing at all.
/// </summary>
public sealed class ImportLedgerFileHandler(IEventStore store) : IRequestHandler<ImportLedgerFile, ImportResult>
{
    public async Task<ImportResult> Handle(ImportLedgerFile request, CancellationToken cancellationToken)
    {
        var dyad = DyadId.Parse(request.Document.Dyad!);
        var (state, revision) = await LedgerReader.LoadStateAsync(store, dyad, cancellationToken).ConfigureAwait(false);
        var planned = ImportMapper.ToCommands(request);

        var errors = new List<FieldError>();
        var events = LedgerDecider.DecideAll(state, planned.Select(p => p.Command), (index, violation) =>
            errors.Add(new FieldError($"{planned[index].Path}.{violation.Field}", violation.Message)));
        if (errors.Count > 0)
        {
            throw new InputRejectedException($"{errors.Count} problem(s) against the ledger", errors);
        }

        var counts = (Sources: events.OfType<SourceRegistered>().Count(), Claims: events.OfType<ClaimRecorded>().Count(), Occurrences: events.OfType<OccurrenceIdentified>().Count());
        if (events.Count == 0)
        {
            return new ImportResult(dyad.ToString(), 0, revision, null, 0, 0, 0);
        }

        var correlation = DeterministicEventId.For(dyad.StreamName, "import", Convert.ToHexString(SHA256.HashData(EventSerializer.Serialize(events[0]))));
        var result = await LedgerWriter.AppendDecidedAsync(store, dyad, revision, events, new EventMetadata(request.RecordedBy, correlation), cancellationToken).ConfigureAwait(false);
        return new ImportResult(dyad.ToString(), events.Count, result.LastStreamRevision, result.LastGlobalPosition, counts.Sources, counts.Claims, counts.Occurrences);
    }
}
