using System.Collections.Concurrent;

namespace BilateralTimeline.Application.Projections.TimelineVersions;

/// <summary>
/// Decoded blocks of a segment kept for the pages that follow, up to a bound, then all let go (pages wander; a few blocks
/// serve most). The bound is checked on a counter of blocks kept: a concurrent dictionary's Count takes every one of its
/// locks, and with four clients paging a large dyad that lock convoy was a third of the server's time.
/// </summary>
internal sealed class KeptBlocks<T>(int most)
{
    private readonly ConcurrentDictionary<int, T> _kept = new();
    private int _added;

    public bool TryGet(int block, out T data) => _kept.TryGetValue(block, out data!);

    public void Keep(int block, T data)
    {
        if (Interlocked.Increment(ref _added) > most)
        {
            Interlocked.Exchange(ref _added, 1);
            _kept.Clear();
        }
        _kept[block] = data;
    }
}
