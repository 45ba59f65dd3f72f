using System.Collections.Concurrent;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// What a long-running process (`bt serve`) keeps of each dyad's stored timeline between pages: the segments as the
/// last page loaded them (directories decoded, the blocks it read, and a tail it folded but did not store), for the
/// stream head and the stored index it saw. A page whose stream still ends with that event (its chain hash) and whose
/// stored index is unchanged walks them again instead of reading the directories and folding the tail anew; any
/// other head or index is loaded again.
/// </summary>
public sealed class HeldTimelines
{
    private readonly ConcurrentDictionary<DyadId, Held> _dyads = new();
    private readonly ConcurrentDictionary<DyadId, SemaphoreSlim> _turns = new();

    internal Held? For(DyadId dyad) => _dyads.TryGetValue(dyad, out var held) ? held : null;

    internal void Hold(DyadId dyad, Held held) => _dyads[dyad] = held;

    internal void Forget(DyadId dyad) => _dyads.TryRemove(dyad, out _);

    /// <summary>The dyad's turn to load or fold what is not held (one page at a time); disposing it ends the turn.</summary>
    internal async Task<IDisposable> TurnAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var turn = _turns.GetOrAdd(dyad, _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }

    internal sealed record Held(long HeadRevision, byte[] HeadHash, StoredTimeline Index, IReadOnlyList<LoadedSegment> Segments)
    {
        public bool Lists(StoredTimeline now) =>
            !now.Damaged && Index.Generation == now.Generation && Index.Segments.Count == now.Segments.Count
            && Index.Segments.Zip(now.Segments).All(p => p.First.FirstRevision == p.Second.FirstRevision && p.First.LastRevision == p.Second.LastRevision
                && p.First.FirstVersion == p.Second.FirstVersion && p.First.Hash.AsSpan().SequenceEqual(p.Second.Hash));
    }
}
