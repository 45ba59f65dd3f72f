using System.Collections.Concurrent;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// What a long-running process (`bt serve`) keeps of each dyad's stored timeline between pages: the segments as the
/// last page loaded them (directories decoded, the blocks it read, and a tail it folded but did not store), for the
/// stream head and the stored index it saw. While the stored index is unchanged a page walks the stored segments again
/// instead of reading the directories anew, and the tail too while the stream still ends with that event (its chain
/// hash); another index is loaded again.
/// </summary>
/// <param name="wholeFolds">Shared with the state's held terms: a fold of a dyad's whole history waits for any other to end.</param>
public sealed class HeldTimelines(Views.WholeFolds wholeFolds)
{
    public HeldTimelines()
        : this(new Views.WholeFolds())
    {
    }

    internal Views.WholeFolds WholeFolds => wholeFolds;

    private readonly ConcurrentDictionary<DyadId, Held> _dyads = new();
    private readonly ConcurrentDictionary<DyadId, Views.OneAtATime> _turns = new();

    internal Held? For(DyadId dyad) => _dyads.TryGetValue(dyad, out var held) ? held : null;

    internal void Hold(DyadId dyad, Held held) => _dyads[dyad] = held;

    internal void Forget(DyadId dyad) => _dyads.TryRemove(dyad, out _);

    /// <summary>The dyad's turn to load or fold what is not held (one page at a time); disposing it ends the turn.</summary>
    internal Task<IDisposable> TurnAsync(DyadId dyad, CancellationToken cancellationToken) =>
        _turns.GetOrAdd(dyad, _ => new Views.OneAtATime()).TurnAsync(cancellationToken);

    /// <summary>Segments as a page left them: first those <see cref="Index"/> lists, then any tail folded up to the head.</summary>
    internal sealed record Held(long HeadRevision, byte[] HeadHash, StoredTimeline Index, IReadOnlyList<LoadedSegment> Segments)
    {
        public bool Lists(StoredTimeline now) =>
            !now.Damaged && Index.Generation == now.Generation && Index.Segments.Count == now.Segments.Count
            && Index.Segments.Zip(now.Segments).All(p => p.First.FirstRevision == p.Second.FirstRevision && p.First.LastRevision == p.Second.LastRevision
                && p.First.FirstVersion == p.Second.FirstVersion && p.First.Hash.AsSpan().SequenceEqual(p.Second.Hash));
    }
}
