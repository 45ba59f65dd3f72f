namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// Rows that are alive for a range of event counts [From, To), listed in (Key, Seq) order: the order the
/// state sums its terms in (entry order, then the order of an entry's own rows). The columns a query filters
/// on are plain arrays and the payload an array of structs, so a pass over the rows touches no object.
/// A query costs what is alive at its count, not every row ever made: at checkpoints (event counts, each
/// taken once the rows added since the last one are as many as half of those alive there) the rows alive
/// are kept in order, with, per checkpoint, the rows added up to the next one, sorted. The rows alive at a
/// count are those of the checkpoint before it that still live, merged with those added since that did.
/// </summary>
/// <remarks>
/// Adding and closing are not thread-safe; after <see cref="Settle"/>, <see cref="Alive"/> only reads. A slot
/// is a row's sequence number: rows never move.
/// </remarks>
internal sealed class VersionRows<T>(int minSpacing)
    where T : struct
{
    /// <summary>Rows added between checkpoints at the least: below it a pass over them costs less than a checkpoint.</summary>
    public const int DefaultMinSpacing = 1024;

    private long[] _keys = new long[16];
    private int[] _from = new int[16];
    private int[] _to = new int[16];
    private T[] _data = new T[16];
    private int _seq;

    // The first checkpoint is before everything; each later one lists the rows alive at its count in order.
    private readonly List<Checkpoint> _checkpoints = [new Checkpoint(int.MinValue, [])];
    // The rows added since the last checkpoint (all with From above its count), sorted up to _openSorted.
    private int[] _open = new int[16];
    private int _openCount;
    private int _openSorted;
    private int _lastFrom = int.MinValue;

    public VersionRows()
        : this(DefaultMinSpacing)
    {
    }

    public int Count => _seq;

    /// <summary>Adds a row alive from <paramref name="from"/> on (never before the last row's); its sequence number, which <see cref="Close"/> takes.</summary>
    public int Add(long key, int from, in T data)
    {
        if (from > _lastFrom && _openCount >= Math.Max(minSpacing, _checkpoints[^1].Alive.Length / 2))
        {
            // Every row alive from the last count on is in: that count can be a checkpoint.
            TakeCheckpoint(_lastFrom);
        }
        _lastFrom = Math.Max(_lastFrom, from);
        if (_seq == _keys.Length)
        {
            var size = _seq * 2;
            Array.Resize(ref _keys, size);
            Array.Resize(ref _from, size);
            Array.Resize(ref _to, size);
            Array.Resize(ref _data, size);
        }
        var seq = _seq++;
        _keys[seq] = key;
        _from[seq] = from;
        _to[seq] = int.MaxValue;
        _data[seq] = data;
        if (_openCount == _open.Length)
        {
            Array.Resize(ref _open, _openCount * 2);
        }
        _open[_openCount++] = seq;
        return seq;
    }

    /// <summary>Ends the row's life at <paramref name="to"/> (exclusive; never before the last row's From).</summary>
    public void Close(int seq, int to) => _to[seq] = to;

    public ref T Data(int slot) => ref _data[slot];

    /// <summary>
    /// The slots of the rows alive at <paramref name="count"/>, in (Key, Seq) order, written to
    /// <paramref name="slots"/> (grown when needed); how many there are.
    /// </summary>
    public int Alive(int count, ref int[] slots)
    {
        Settle();
        var at = LastCheckpointAt(count);
        var checkpoint = _checkpoints[at];
        var (since, sinceCount) = at == _checkpoints.Count - 1 ? (_open, _openCount) : (checkpoint.Since!, checkpoint.Since!.Length);
        return Merge(checkpoint.Alive, count, since, sinceCount, ref slots);
    }

    /// <summary>Puts the rows added since the last call in order, so that queries change nothing.</summary>
    public void Settle()
    {
        if (_openSorted == _openCount)
        {
            return;
        }
        if (_openCount - _openSorted > 64)
        {
            Array.Sort(_open, 0, _openCount, Comparer<int>.Create(Compare));
        }
        else
        {
            for (var t = _openSorted; t < _openCount; t++)
            {
                var seq = _open[t];
                var (low, high) = (0, t);
                while (low < high)
                {
                    var mid = (low + high) / 2;
                    if (Compare(_open[mid], seq) < 0)
                    {
                        low = mid + 1;
                    }
                    else
                    {
                        high = mid;
                    }
                }
                Array.Copy(_open, low, _open, low + 1, t - low);
                _open[low] = seq;
            }
        }
        _openSorted = _openCount;
    }

    private int Compare(int a, int b) => _keys[a] != _keys[b] ? _keys[a].CompareTo(_keys[b]) : a.CompareTo(b);

    /// <summary>The rows alive at <paramref name="count"/> (every row added up to now has From at most it) become a checkpoint.</summary>
    private void TakeCheckpoint(int count)
    {
        Settle();
        var since = _open[.._openCount];
        var last = _checkpoints[^1];
        var slots = new int[last.Alive.Length + since.Length];
        var n = Merge(last.Alive, count, since, since.Length, ref slots);
        _checkpoints[^1] = last with { Since = since };
        _checkpoints.Add(new Checkpoint(count, slots[..n]));
        _openCount = 0;
        _openSorted = 0;
    }

    /// <summary>The rows of <paramref name="alive"/> and of the first <paramref name="sinceCount"/> of <paramref name="since"/> (both in order) alive at <paramref name="count"/>, in order.</summary>
    private int Merge(int[] alive, int count, int[] since, int sinceCount, ref int[] slots)
    {
        if (slots.Length < alive.Length + sinceCount)
        {
            slots = new int[Math.Max(16, (alive.Length + sinceCount) * 5 / 4)];
        }
        int i = 0, j = 0, n = 0;
        while (i < alive.Length || j < sinceCount)
        {
            int seq;
            if (j == sinceCount || (i < alive.Length && Compare(alive[i], since[j]) < 0))
            {
                seq = alive[i++];
            }
            else
            {
                seq = since[j++];
            }
            if (_from[seq] <= count && count < _to[seq])
            {
                slots[n++] = seq;
            }
        }
        return n;
    }

    /// <summary>The last checkpoint at or before <paramref name="count"/> (the first one is before every count).</summary>
    private int LastCheckpointAt(int count)
    {
        int low = 0, high = _checkpoints.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_checkpoints[mid].At <= count)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    /// <summary>
    /// The rows alive at event count <paramref name="At"/> in order, and, once the next checkpoint is taken, the
    /// rows added after it up to that one (all alive from a count above <paramref name="At"/>), in order.
    /// </summary>
    private sealed record Checkpoint(int At, int[] Alive)
    {
        public int[]? Since { get; init; }
    }
}
