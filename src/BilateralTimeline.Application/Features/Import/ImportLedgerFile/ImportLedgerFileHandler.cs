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
        var metadata = new EventMetadata(request.RecordedBy, correlation);
        var data = events.Select((e, i) =>
        {
            var bytes = EventSerializer.Serialize(e);
            var type = EventTypes.NameOf(e);
            // Same decision from the same ledger revision gives the same ids, so a retried import is idempotent in the store too.
            var id = DeterministicEventId.For(dyad.StreamName, type, $"{revision}:{i}:{Convert.ToHexString(SHA256.HashData(bytes))}");
            return new EventData(id, type, bytes, metadata);
        }).ToList();

        var expected = revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision);
        var result = await store.AppendAsync(dyad.StreamName, expected, data, cancellationToken).ConfigureAwait(false);
        return new ImportResult(dyad.ToString(), data.Count, result.LastStreamRevision, result.LastGlobalPosition, counts.Sources, counts.Claims, counts.Occurrences);
    }
}
