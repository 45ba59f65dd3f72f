using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// Records one part (a source, an occurrence, a claim and its link) against a dyad's ledger at the
/// revision it was decided on, so one HTTP write is one atomic append with If-Match semantics.
/// </summary>
internal static class PartRecorder
{
    /// <summary>Unconditional writes re-decide on the newer ledger this many times before reporting the conflict.</summary>
    private const int UnconditionalAttempts = 10;

    public static async Task<RecordingResult> RecordAsync(IEventStore store, string? dyadText, IReadOnlyList<(string Path, LedgerCommand Command)> commands, string recordedBy, long? expectedRevision, CancellationToken cancellationToken)
    {
        var dyad = await DyadResolver.ResolveAsync(store, dyadText, cancellationToken).ConfigureAwait(false);
        // Writers in this process take turns per dyad, so they do not make each other's appends fail;
        // writers in other processes are met by the retry below.
        var gate = Gates.GetOrCreateValue(store).GetOrAdd(dyad.StreamName, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await DecideAndAppendAsync(store, dyad, commands, recordedBy, expectedRevision, cancellationToken).ConfigureAwait(false);
                }
                catch (WrongExpectedRevisionException) when (expectedRevision is null && attempt < UnconditionalAttempts)
                {
                    // The caller named no revision, so another writer landing first is no conflict for them:
                    // decide again against the ledger as it now is (the decider still refuses what no longer fits),
                    // after a short random pause so that racing writers stop meeting each other.
                    await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEventStore, System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim>> Gates = new();

    private static async Task<RecordingResult> DecideAndAppendAsync(IEventStore store, DyadId dyad, IReadOnlyList<(string Path, LedgerCommand Command)> commands, string recordedBy, long? expectedRevision, CancellationToken cancellationToken)
    {
        var (state, revision) = await LedgerReader.LoadStateAsync(store, dyad, cancellationToken).ConfigureAwait(false);
        if (expectedRevision is { } expected && expected != revision)
        {
            throw new WrongExpectedRevisionException(dyad.StreamName, expected < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(expected), revision);
        }
        var errors = new List<FieldError>();
        var events = LedgerDecider.DecideAll(state, commands.Select(c => c.Command), (index, violation) =>
            errors.Add(new FieldError($"{commands[index].Path}.{violation.Field}", violation.Message)));
        if (errors.Count > 0)
        {
            throw new InputRejectedException("the ledger refused the change; nothing was recorded", errors);
        }
        if (events.Count == 0)
        {
            return new RecordingResult(dyad.ToString(), 0, revision, null);
        }
        var result = await LedgerWriter.AppendDecidedAsync(store, dyad, revision, events, new EventMetadata(recordedBy, Guid.CreateVersion7()), cancellationToken).ConfigureAwait(false);
        return new RecordingResult(dyad.ToString(), result.AlreadyRecorded ? 0 : events.Count, result.LastStreamRevision, result.LastGlobalPosition);
    }
}
