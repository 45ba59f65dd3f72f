namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// Rows that are alive for a range of event counts [From, To), listed in (Key, Seq) order: the order the
/// state sums its terms in (entry order, then the order of an entry's own rows). The columns a query filters
/// on are plain arrays and the payload an array of structs, so a scan over a million rows touches no object.
/// New rows go to an unsorted tail first; <see cref="Settle"/> sorts what came since the last query into a
/// small sorted tail, and folds that into the sorted body only once it has grown, so a long catch-up sorts
/// once and a write between two queries costs a few inserts, not a copy of the body.
/// </summary>
/// <remarks>Adding and closing are not thread-safe; after <see cref="Settle"/>, <see cref="Alive"/> only reads. A slot is an index into the body (≥ 0) or the complement of an index into the tail.</remarks>
internal sealed class VersionRows<T>
    where T : struct
{
    // Folding the tail into the body copies the body: rare enough to cost little per row, often enough
    // that keeping the tail's order (an insert per new row) stays cheap.
    private const int TailLimit = 4096;

    private long[] _keys = new long[16];
    private int[] _seqs = new int[16];
    private int[] _from = new int[16];
    private int[] _to = new int[16];
    private T[] _data = new T[16];
    private int _body;

    private long[] _tailKeys = new long[16];
    private int[] _tailSeqs = new int[16];
    private int[] _tailFrom = new int[16];
    private int[] _tailTo = new int[16];
    private T[] _tailData = new T[16];
    private int _tail;

    // The tail's rows [0, _ordered) in (Key, Seq) order, as tail indexes; those after it arrived since.
    private int[] _tailOrder = new int[16];
    private int _ordered;

    private int[] _slotOfSeq = new int[16];
    private int _seq;

    public int Count => _seq;

    /// <summary>Adds a row alive from <paramref name="from"/> on; its sequence number, which <see cref="Close"/> takes.</summary>
    public int Add(long key, int from, in T data)
    {
        if (_tail == _tailKeys.Length)
        {
            var size = _tail * 2;
            Array.Resize(ref _tailKeys, size);
            Array.Resize(ref _tailSeqs, size);
            Array.Resize(ref _tailFrom, size);
            Array.Resize(ref _tailTo, size);
            Array.Resize(ref _tailData, size);
        }
        if (_seq == _slotOfSeq.Length)
        {
            Array.Resize(ref _slotOfSeq, _seq * 2);
        }
        var seq = _seq++;
        _tailKeys[_tail] = key;
        _tailSeqs[_tail] = seq;
        _tailFrom[_tail] = from;
        _tailTo[_tail] = int.MaxValue;
        _tailData[_tail] = data;
        _slotOfSeq[seq] = ~_tail;
        _tail++;
        return seq;
    }

    /// <summary>Ends the row's life at <paramref name="to"/> (exclusive).</summary>
    public void Close(int seq, int to)
    {
        var slot = _slotOfSeq[seq];
        if (slot >= 0)
        {
            _to[slot] = to;
        }
        else
        {
            _tailTo[~slot] = to;
        }
    }

    public ref T Data(int slot) => ref slot >= 0 ? ref _data[slot] : ref _tailData[~slot];

    /// <summary>
    /// The slots of the rows alive at <paramref name="count"/>, in (Key, Seq) order, written to
    /// <paramref name="slots"/> (grown when needed); how many there are.
    /// </summary>
    public int Alive(int count, ref int[] slots)
    {
        Settle();
        if (slots.Length < _body + _tail)
        {
            slots = new int[Math.Max(16, (_body + _tail) * 5 / 4)];
        }
        var n = 0;
        if (_tail == 0)
        {
            for (var b = 0; b < _body; b++)
            {
                if (_from[b] <= count && count < _to[b])
                {
                    slots[n++] = b;
                }
            }
            return n;
        }
        int i = 0, j = 0;
        while (i < _body || j < _tail)
        {
            var fromBody = j == _tail || (i < _body && Before(_keys[i], _seqs[i], _tailKeys[_tailOrder[j]], _tailSeqs[_tailOrder[j]]));
            if (fromBody)
            {
                if (_from[i] <= count && count < _to[i])
                {
                    slots[n++] = i;
                }
                i++;
            }
            else
            {
                var t = _tailOrder[j++];
                if (_tailFrom[t] <= count && count < _tailTo[t])
                {
                    slots[n++] = ~t;
                }
            }
        }
        return n;
    }

    private static bool Before(long key, int seq, long otherKey, int otherSeq) => key < otherKey || (key == otherKey && seq < otherSeq);

    /// <summary>Puts the rows added since the last call in order: into the tail's order, or, once the tail is long, into the body.</summary>
    public void Settle()
    {
        if (_ordered == _tail)
        {
            return;
        }
        if (_tailOrder.Length < _tailKeys.Length)
        {
            Array.Resize(ref _tailOrder, _tailKeys.Length);
        }
        if (_tail - _ordered > 64 || _tail > TailLimit)
        {
            for (var t = 0; t < _tail; t++)
            {
                _tailOrder[t] = t;
            }
            Array.Sort(_tailOrder, 0, _tail, Comparer<int>.Create((a, b) => _tailKeys[a] != _tailKeys[b] ? _tailKeys[a].CompareTo(_tailKeys[b]) : _tailSeqs[a].CompareTo(_tailSeqs[b])));
            _ordered = _tail;
            if (_tail > TailLimit)
            {
                Merge();
            }
            return;
        }
        for (var t = _ordered; t < _tail; t++)
        {
            var (low, high) = (0, t);
            while (low < high)
            {
                var mid = (low + high) / 2;
                var m = _tailOrder[mid];
                if (Before(_tailKeys[m], _tailSeqs[m], _tailKeys[t], _tailSeqs[t]))
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
            Array.Copy(_tailOrder, low, _tailOrder, low + 1, t - low);
            _tailOrder[low] = t;
        }
        _ordered = _tail;
    }

    /// <summary>Merges the ordered tail into the body from the back, so the body is moved, not copied twice.</summary>
    private void Merge()
    {
        var size = _body + _tail;
        if (_keys.Length < size)
        {
            var capacity = Math.Max(size, _keys.Length * 2);
            Array.Resize(ref _keys, capacity);
            Array.Resize(ref _seqs, capacity);
            Array.Resize(ref _from, capacity);
            Array.Resize(ref _to, capacity);
            Array.Resize(ref _data, capacity);
        }
        int i = _body - 1, j = _tail - 1, k = size - 1;
        while (j >= 0)
        {
            var t = _tailOrder[j];
            if (i >= 0 && Before(_tailKeys[t], _tailSeqs[t], _keys[i], _seqs[i]))
            {
                Move(i, k);
                i--;
            }
            else
            {
                _keys[k] = _tailKeys[t];
                _seqs[k] = _tailSeqs[t];
                _from[k] = _tailFrom[t];
                _to[k] = _tailTo[t];
                _data[k] = _tailData[t];
                _slotOfSeq[_seqs[k]] = k;
                j--;
            }
            k--;
        }
        _body = size;
        _tail = 0;
        _ordered = 0;
        if (_tailKeys.Length > TailLimit * 2)
        {
            // A catch-up's tail held the whole history once; keep room for the next few thousand rows only.
            _tailKeys = new long[TailLimit * 2];
            _tailSeqs = new int[TailLimit * 2];
            _tailFrom = new int[TailLimit * 2];
            _tailTo = new int[TailLimit * 2];
            _tailData = new T[TailLimit * 2];
            _tailOrder = new int[TailLimit * 2];
        }
    }

    private void Move(int from, int to)
    {
        _keys[to] = _keys[from];
        _seqs[to] = _seqs[from];
        _from[to] = _from[from];
        _to[to] = _to[from];
        _data[to] = _data[from];
        _slotOfSeq[_seqs[to]] = to;
    }
}
