using System.Collections.Concurrent;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// The views of a long-running process (`bt serve`): each dyad's stream is folded once and
/// kept as checkpoints of the fold (see <see cref="DyadIndex"/>); every request only reads the
/// events appended since the last one, so its cost no longer grows with the dyad's history.
/// </summary>
public sealed class LedgerIndex(IEventStore store, int firstSpacing, int maxCheckpoints) : ILedgerViews
{
    /// <summary>Events between checkpoints until there are too many checkpoints.</summary>
    public const int DefaultSpacing = 512;

    /// <summary>
    /// At most this many checkpoints per dyad (beyond it every other one goes and the spacing doubles): a
    /// view then costs at most a 64th of the history to fold, and the checkpoints stay a small part of memory.
    /// </summary>
    public const int DefaultMaxCheckpoints = 64;

    private readonly ConcurrentDictionary<DyadId, Entry> _dyads = new();

    public LedgerIndex(IEventStore store)
        : this(store, DefaultSpacing, DefaultMaxCheckpoints)
    {
    }

    public Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        WithIndexAsync(dyad, knownAt, index => index.AtAsync(store, knownAt, cancellationToken), cancellationToken);

    /// <summary>From the dyad's entry log: a pass over plain rows, whatever the known-at, instead of a view folded for it.</summary>
    public Task<RelationshipStateView> StateAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken) =>
        WithIndexAsync(dyad, knownAt, index => Task.FromResult(index.StateAt(asOf, knownAt, skip, limit)), cancellationToken);

    /// <summary>From the entry versions in the timeline's order: a walk to the page, whatever the known-at, instead of a view folded, its entries built and sorted.</summary>
    public Task<TimelineView> TimelineAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, CancellationToken cancellationToken) =>
        WithIndexAsync(dyad, knownAt, index => index.TimelineAsync(store, asOf, knownAt, window, cancellationToken), cancellationToken);

    /// <summary>
    /// The dyad's index caught up with its stream, then asked: catch-ups take turns, and fold what they read only
    /// while no question runs; questions run side by side (each reads the index as the last catch-up left it). A
    /// stream changed under a re-read is caught up once more.
    /// </summary>
    private async Task<T> WithIndexAsync<T>(DyadId dyad, DateTimeOffset? knownAt, Func<DyadIndex, Task<T>> ask, CancellationToken cancellationToken)
    {
        var entry = _dyads.GetOrAdd(dyad, d => new Entry(new DyadIndex(d, firstSpacing, maxCheckpoints)));
        for (var attempt = 0; ; attempt++)
        {
            await CatchUpAsync(entry, knownAt, cancellationToken).ConfigureAwait(false);
            using (await entry.Gate.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    return await ask(entry.Index).ConfigureAwait(false);
                }
                catch (DyadIndex.StreamChangedException) when (attempt == 0)
                {
                    // Changed between the catch-up and the re-read of a range: the next catch-up starts over.
                }
            }
        }
    }

    private async Task CatchUpAsync(Entry entry, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        await entry.CatchingUp.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Looked at without the write side: with nothing new (the usual case between writes) questions keep running.
            if (!await entry.Index.BehindAsync(store, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            using (await entry.Gate.WriteAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await entry.Index.CatchUpAsync(store, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException && entry.Index.Answers(knownAt))
                {
                    // The full fold never reaches an unreadable event past the first one recorded after knownAt,
                    // and neither may we: only the questions that need it fail, with the store's own error.
                }
            }
        }
        finally
        {
            entry.CatchingUp.Release();
        }
    }

    /// <summary>How often the dyad's index had to start over because its stream changed behind its back (for tests).</summary>
    public int RebuildsOf(DyadId dyad) => _dyads.TryGetValue(dyad, out var entry) ? entry.Index.Rebuilds : 0;

    private sealed record Entry(DyadIndex Index)
    {
        /// <summary>One catch-up at a time: each reads from where the last one stopped.</summary>
        public SemaphoreSlim CatchingUp { get; } = new(1, 1);

        /// <summary>Questions share it; a catch-up that has events to fold takes it alone.</summary>
        public ReadWriteGate Gate { get; } = new();
    }
}
