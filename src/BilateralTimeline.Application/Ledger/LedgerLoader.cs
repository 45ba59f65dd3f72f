using System.Collections.Concurrent;
using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// The decider's state for one write and where it came from.
/// </summary>
/// <param name="State">The decider's state (only the keys the commands read, when it came from the index).</param>
/// <param name="Revision">The stream revision the state reflects (-1: no stream yet); the append expects it.</param>
/// <param name="Index">Where the decider index stood when read (null: no index was used or none exists).</param>
/// <param name="Known">Which keys <paramref name="State"/> is exact for (null: unknown), to catch the index up from it.</param>
public sealed record LoadedLedger(LedgerState State, long Revision, IndexHead? Index, KnownKeys? Known = null);

/// <summary>
/// Loads the decider's state for a write without folding the dyad's history, from the first of:
/// <list type="number">
/// <item>the in-process copy of this dyad's whole state (kept only where no index is available, e.g.
/// EventStoreDB without --projections), checked against the log by the chain hash of the event it
/// reflects, plus the events after it;</item>
/// <item>the decider index (<see cref="DeciderIndexStore"/>): the rows the commands need plus the events after it;</item>
/// <item>the full fold, once, which then rebuilds the index (or becomes the in-process copy).</item>
/// </list>
/// A remembered state whose hash is not the log's (the store changed behind our back) is dropped, never used.
/// </summary>
internal sealed class LedgerLoader(IEventStore store, DeciderIndexStore? index)
{
    private readonly ConcurrentDictionary<string, (LedgerState State, long Revision, ReadOnlyMemory<byte> Hash)> _copies = new(StringComparer.Ordinal);

    public async Task<LoadedLedger> LoadAsync(DyadId dyad, IReadOnlyList<LedgerCommand> commands, CancellationToken cancellationToken)
    {
        var stream = dyad.StreamName;
        if (_copies.TryGetValue(stream, out var copy))
        {
            var tail = await LedgerTail.ReadAsync(store, stream, copy.Revision, copy.Hash, cancellationToken).ConfigureAwait(false);
            if (tail.Linked)
            {
                var state = tail.FoldOnto(copy.State);
                _copies[stream] = (state, tail.Revision, tail.Hash);
                return new LoadedLedger(state, tail.Revision, null);
            }
            _copies.TryRemove(stream, out _);
        }
        if (index is not null && await index.LoadAsync(dyad, commands, cancellationToken).ConfigureAwait(false) is { } indexed)
        {
            return new LoadedLedger(indexed.State, indexed.Revision, indexed.Head, indexed.Known);
        }
        var (full, revision, hash) = await LedgerTail.FoldAllAsync(store, stream, cancellationToken).ConfigureAwait(false);
        if (revision < 0)
        {
            return new LoadedLedger(full, revision, null, KnownKeys.Whole);
        }
        if (index is null)
        {
            _copies[stream] = (full, revision, hash);
            return new LoadedLedger(full, revision, null);
        }
        await index.WriteAllAsync(dyad, full, revision, hash, cancellationToken).ConfigureAwait(false);
        return new LoadedLedger(full, revision, new IndexHead(revision, hash), KnownKeys.Whole);
    }

    /// <summary>
    /// Starts building the index rows of a large write (thousands of events: an import file) on other cores,
    /// to run while its events are appended, which keeps one core busy; null when there is nothing to
    /// gain (no index, a small write, a state not exact for its keys). Dropped unused if the append fails.
    /// </summary>
    public Task<IReadOnlyList<ProjectionRowChange>?>? PrepareAfterWrite(LoadedLedger loaded, IReadOnlyList<ILedgerEvent> events, LedgerState decided, IReadOnlyList<EventData> data)
    {
        if (index is null || loaded.Known is not { } known || events.Count < LedgerEventData.InParallelFrom)
        {
            return null;
        }
        var bytes = data.Select(d => d.Data).ToList();
        return Task.Run(() => DeciderIndexStore.RowsAfterWrite(loaded.State, known, events, decided, bytes));
    }

    /// <summary>
    /// Brings the index up to the log after a write (the write's own events and any tail it found). A
    /// failure here loses nothing: the write has landed, and the next writer folds a longer tail.
    /// <paramref name="appended"/> are the events the write appended right after <paramref name="loaded"/>,
    /// ending at <paramref name="lastRevision"/>; none when nothing was appended (or it was a replay).
    /// <paramref name="decided"/>: the loaded state with <paramref name="appended"/> folded in, when the decider made it already;
    /// <paramref name="appendedBytes"/>: the stored data of each of <paramref name="appended"/>, when at hand;
    /// <paramref name="prepared"/>: the index rows <see cref="PrepareAfterWrite"/> started building for them.
    /// </summary>
    public async Task AfterWriteAsync(DyadId dyad, LoadedLedger loaded, IReadOnlyList<ILedgerEvent> appended, long lastRevision, CancellationToken cancellationToken, LedgerState? decided = null, IReadOnlyList<ReadOnlyMemory<byte>>? appendedBytes = null, Task<IReadOnlyList<ProjectionRowChange>?>? prepared = null)
    {
        if (index is null)
        {
            return;
        }
        try
        {
            // The common case: the index and the state the write was decided on move on with the write's own events, unread.
            if (appended.Count > 0 && loaded.Known is { } known
                && await index.CatchUpFromWriteAsync(dyad, loaded.Index ?? new IndexHead(-1, default), loaded.State, known, appended, lastRevision, cancellationToken, decided, appendedBytes, prepared).ConfigureAwait(false))
            {
                return;
            }
            if (loaded.Index is { } head)
            {
                await index.CatchUpAsync(dyad, head, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A dyad's first write: start its index from the first event.
                await index.CatchUpAsync(dyad, new IndexHead(-1, default), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Deliberately swallowed: see the summary.
        }
    }
}
