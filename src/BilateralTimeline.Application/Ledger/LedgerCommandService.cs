using System.Collections.Concurrent;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// The one write path: every import, single record and correction is loaded, checked against the
/// caller's expected revision, decided and appended here, under one conflict policy.
/// <list type="bullet">
/// <item>With an expected revision, a ledger that has moved on is a conflict
/// (<see cref="WrongExpectedRevisionException"/>): the caller decided on what they saw.</item>
/// <item>Without one, another writer landing first is no conflict: the write is decided again on the
/// newer ledger and retried (<see cref="WriteRetryPolicy"/>); only what no longer fits (the same id with
/// other content, a retracted claim) is refused, by the decider, as bad input.</item>
/// </list>
/// Writers sharing this service (one process) take turns per dyad, so they never make each other
/// retry; writers in other processes are met by the retry.
/// </summary>
/// <remarks>
/// Deciding reads no history (see <see cref="LedgerLoader"/>): with a read-model store, the decider index's
/// rows for the keys the commands name plus the events after it; without one, an in-process copy of the
/// state plus the events after it, the whole stream being folded only once per process.
/// </remarks>
public sealed class LedgerCommandService(IEventStore store, WriteRetryPolicy policy, IProjectionStore? readModels = null)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    private readonly LedgerLoader _loader = new(store, readModels is null ? null : new DeciderIndex.DeciderIndexStore(store, readModels));

    /// <summary>The named dyad, or the most recently written one when none is named.</summary>
    public Task<DyadId> ResolveDyadAsync(string? dyad, CancellationToken cancellationToken) =>
        DyadResolver.ResolveAsync(store, dyad, cancellationToken);

    /// <exception cref="WrongExpectedRevisionException">The expected revision is stale, or the retries ran out.</exception>
    /// <exception cref="InputRejectedException">The ledger refuses a command (every refusal, with its path).</exception>
    public async Task<LedgerWriteResult> WriteAsync(LedgerWrite write, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(write.Dyad.StreamName, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var commands = write.Commands.Select(c => c.Command).ToList();
            var loaded = await _loader.LoadAsync(write.Dyad, commands, cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                var revision = loaded.Revision;
                if (write.ExpectedRevision is { } expected && expected != revision)
                {
                    throw new WrongExpectedRevisionException(write.Dyad.StreamName, expected < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(expected), revision);
                }
                var events = Decide(loaded.State, write.Commands, out var decided);
                if (events.Count == 0)
                {
                    await _loader.AfterWriteAsync(write.Dyad, loaded, [], revision, cancellationToken).ConfigureAwait(false);
                    return new LedgerWriteResult(write.Dyad, events, 0, revision, null, attempt);
                }
                try
                {
                    var data = Stored(write, revision, events);
                    var rows = _loader.PrepareAfterWrite(loaded, events, decided, data);
                    var appended = await store.AppendAsync(write.Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), data, cancellationToken).ConfigureAwait(false);
                    await _loader.AfterWriteAsync(write.Dyad, loaded, appended.AlreadyRecorded ? [] : events, appended.LastStreamRevision, cancellationToken, decided,
                        appended.AlreadyRecorded ? null : Array.ConvertAll(data, d => d.Data), appended.AlreadyRecorded ? null : rows).ConfigureAwait(false);
                    return new LedgerWriteResult(write.Dyad, events, appended.AlreadyRecorded ? 0 : events.Count, appended.LastStreamRevision, appended.LastGlobalPosition, attempt);
                }
                catch (WrongExpectedRevisionException) when (write.ExpectedRevision is null && attempt < policy.MaxAttempts)
                {
                    await Task.Delay(policy.PauseBefore(attempt + 1, Random.Shared), policy.Timer, cancellationToken).ConfigureAwait(false);
                    // Only the events the other writers added are read and folded in (after the index or the in-process copy), never the history again.
                    loaded = await _loader.LoadAsync(write.Dyad, commands, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }

    private static IReadOnlyList<ILedgerEvent> Decide(LedgerState state, IReadOnlyList<PlannedCommand> commands, out LedgerState after)
    {
        var errors = new List<FieldError>();
        var events = LedgerDecider.DecideAll(state, commands.Select(c => c.Command), out after, (index, violation) =>
            errors.Add(new FieldError(commands[index].Path.Length == 0 ? violation.Field : $"{commands[index].Path}.{violation.Field}", violation.Message, violation.Remedy)));
        return errors.Count > 0
            ? throw new InputRejectedException($"{errors.Count} problem(s) against the ledger", errors)
            : events;
    }

    /// <summary>
    /// The stored form of events decided on the ledger at <paramref name="revision"/> (-1: none yet). Event
    /// ids derive from the decision and that revision, so re-sending after a lost reply lands on the
    /// store's idempotent append instead of writing twice.
    /// </summary>
    private static EventData[] Stored(LedgerWrite write, long revision, IReadOnlyList<ILedgerEvent> events)
    {
        var metadata = new EventMetadata(write.RecordedBy, write.Correlation?.Invoke(events) ?? Guid.CreateVersion7());
        return LedgerEventData.For(write.Dyad.StreamName, revision, events, metadata, write.Extra);
    }
}
