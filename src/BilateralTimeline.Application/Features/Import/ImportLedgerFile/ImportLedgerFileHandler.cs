using System.Security.Cryptography;
using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using MediatR;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Decides the whole file against the ledger, collecting every rule broken (with its path), and
/// appends all resulting events in one atomic append, or nothing at all (through the one write path,
/// so a file imported while others write to the same dyad is decided again, not refused).
/// </summary>
public sealed class ImportLedgerFileHandler(LedgerCommandService ledger, Ports.IEventStore store) : IRequestHandler<ImportLedgerFile, ImportResult>
{
    public async Task<ImportResult> Handle(ImportLedgerFile request, CancellationToken cancellationToken)
    {
        var dyad = DyadId.Parse(request.Document.Dyad!);
        var document = request.Document;
        if (QuoteWords.AnyByWords(document.Claims))
        {
            document = QuoteLocator.Fill(document, await QuoteWords.TextsAsync(document, request.SourceTexts, store, document.Dyad, resolveMostRecent: false, cancellationToken).ConfigureAwait(false));
        }
        var planned = ImportMapper.ToCommands(document, request.SourceTexts, Path.GetFileName(request.FilePath)).Select(p => new PlannedCommand(p.Path, p.Command)).ToList();
        var drafted = DraftAcceptance.ByClaim(document.Claims);
        if (request.After is { } after && !await after.ConfigureAwait(false))
        {
            throw new OperationCanceledException($"{request.FilePath} was not written: the import before it stopped");
        }
        var written = await ledger.WriteAsync(new LedgerWrite(dyad, planned, request.RecordedBy, request.ExpectedRevision, Correlation: events =>
            DeterministicEventId.For(dyad.StreamName, "import", Convert.ToHexString(SHA256.HashData(EventSerializer.Serialize(events[0])))),
            Extra: e => e is ClaimRecorded recorded && drafted.TryGetValue(recorded.ClaimId, out var acceptance) ? DraftAcceptance.Metadata(acceptance) : null), cancellationToken).ConfigureAwait(false);
        var events = written.Decided;
        return new ImportResult(dyad.ToString(), written.EventsAppended, written.StreamRevision, written.LastGlobalPosition,
            events.OfType<SourceRegistered>().Count(), events.OfType<ClaimRecorded>().Count(), events.OfType<OccurrenceIdentified>().Count(),
            (document.Claims ?? []).Count(c => c?.Proposed == true));
    }
}
