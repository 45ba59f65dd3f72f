namespace BilateralTimeline.Application.Projections.Versions;

/// <summary>
/// Every version of every timeline entry, in the timeline's order (<see cref="TimelineSort"/>: dated by
/// earliest, latest day, id; undated last; an occurrence before a lone claim of the same id, as
/// <see cref="Entries.Build(LedgerView)"/> lists occurrences first), each with the event counts [From, To) it is alive for.
/// At any count exactly one version of each live entry is alive, so walking the order and skipping the
/// versions not alive at that count visits the entries of the view at that count in the order a sort of
/// them would give, without folding a view, building its entries or sorting them.
/// </summary>
/// <remarks>
/// The walk reads compact rows (counts and day numbers side by side) and only touches an
/// <see cref="Entry"/> when its row is alive: at a million versions a full pass is about a millisecond.
/// New versions wait in a small sorted tail that the walk merges on the fly, and join the main rows
/// in one linear merge once the tail grows, so a follower's appends never re-sort the history.
/// Adding is not thread-safe (the serve index folds alone); after <see cref="Prepare"/>, walks only read and may run side by side.
/// </remarks>
internal sealed class TimelineOrder
{
    /// <summary>A To of a version that is still the entry's current one.</summary>
    public const int Open = int.MaxValue;

    // Sorts after every real day number (DateOnly.DayNumber is at most about 3.65 million).
    private const int Undated = int.MaxValue;

    private const int MinTailToMerge = 4096;

    private Entry[] _entries = new Entry[1024];
    private int[] _from = new int[1024];
    private int[] _to = new int[1024];
    // Day numbers, Undated for both when the entry has no reading: the sort key without the entry's LINQ.
    private int[] _earliest = new int[1024];
    private int[] _latest = new int[1024];
    // Where each version's row is in _rows, or -1 while it waits in the tail.
    private int[] _row = new int[1024];
    private int _versions;

    private Row[] _rows = [];
    private int _rowCount;
    private readonly List<int> _tail = [];
    private bool _tailSorted = true;
    private int _maxSpan;

    private EntryLog? _following;

    /// <summary>Versions kept (for tests and the report).</summary>
    public int Versions => _versions;

    /// <summary>
    /// Keeps the order of <paramref name="log"/>'s versions from now on: the ones it already made at once, later
    /// ones as it makes and ends them. A log other than the one followed so far (the index started over) replaces it.
    /// </summary>
    public void Follow(EntryLog log)
    {
        if (ReferenceEquals(_following, log))
        {
            return;
        }
        Clear();
        _following = log;
        foreach (var version in log.Versions)
        {
            Add(version);
            if (version.To != Open)
            {
                Close(version.Index, version.To);
            }
        }
        log.Added += version =>
        {
            if (ReferenceEquals(_following, log))
            {
                Add(version);
            }
        };
        log.Ended += version =>
        {
            if (ReferenceEquals(_following, log))
            {
                Close(version.Index, version.To);
            }
        };
    }

    /// <summary>A new version, alive from its From on; versions come in the order the log made them.</summary>
    public void Add(EntryVersion version)
    {
        if (Add(version.Entry, version.From) != version.Index)
        {
            throw new InvalidOperationException($"entry version {version.Index} arrived out of order");
        }
    }

    /// <summary>The version (numbered in the order it was added) stops being alive at <paramref name="count"/>.</summary>
    public void Close(int version, int count)
    {
        _to[version] = count;
        var at = _row[version];
        if (at >= 0)
        {
            _rows[at].To = count;
        }
    }

    private void Clear()
    {
        _versions = 0;
        _rowCount = 0;
        _rows = [];
        _tail.Clear();
        _tailSorted = true;
        _maxSpan = 0;
        _following = null;
        Array.Clear(_entries);
    }

    /// <summary>
    /// The entries alive at <paramref name="count"/> whose earliest day is at most <paramref name="lastDay"/>
    /// (null: any) and whose latest day is at least <paramref name="firstDay"/> (null: any), in the timeline's
    /// order, each handed to <paramref name="visit"/> until it returns false; undated entries follow when
    /// <paramref name="undated"/> says so.
    /// </summary>
    public void Walk(int count, DateOnly? firstDay, DateOnly? lastDay, bool undated, Func<Entry, bool> visit)
    {
        PrepareTail();
        var first = firstDay?.DayNumber ?? int.MinValue;
        var last = lastDay?.DayNumber ?? int.MaxValue - 1;
        // No entry whose earliest day is more than the widest span before firstDay can reach it.
        var i = firstDay is null ? 0 : FirstRowFrom((long)first - _maxSpan);
        var tailAt = 0;
        var rows = _rows;
        while (i < _rowCount)
        {
            var row = rows[i];
            // Tail versions that sort before this row go first.
            while (tailAt < _tail.Count && Before(_tail[tailAt], row.Version))
            {
                var t = _tail[tailAt++];
                if (Wanted(t, count, first, last, undated) && !visit(_entries[t]))
                {
                    return;
                }
            }
            if (row.Earliest > last && row.Earliest != Undated)
            {
                if (!undated)
                {
                    return;
                }
                // Dated but later than wanted: straight to the undated rows, and past the tail's dated versions.
                i = FirstRowFrom(Undated);
                while (tailAt < _tail.Count && IsDated(_tail[tailAt]))
                {
                    tailAt++;
                }
                continue;
            }
            var wanted = row.Earliest == Undated ? undated : row.Latest >= first;
            if (wanted && row.From <= count && count < row.To && !visit(_entries[row.Version]))
            {
                return;
            }
            i++;
        }
        for (; tailAt < _tail.Count; tailAt++)
        {
            var t = _tail[tailAt];
            if (Wanted(t, count, first, last, undated) && !visit(_entries[t]))
            {
                return;
            }
        }
    }

    /// <summary>A new version alive from <paramref name="count"/> on, until closed; returns its number.</summary>
    public int Add(Entry entry, int count)
    {
        if (_versions == _entries.Length)
        {
            var size = _versions * 2;
            Array.Resize(ref _entries, size);
            Array.Resize(ref _from, size);
            Array.Resize(ref _to, size);
            Array.Resize(ref _earliest, size);
            Array.Resize(ref _latest, size);
            Array.Resize(ref _row, size);
        }
        var v = _versions++;
        _entries[v] = entry;
        _from[v] = count;
        _to[v] = Open;
        _row[v] = -1;
        if (entry.Time.Earliest is { } earliest && entry.Time.Latest is { } latest)
        {
            _earliest[v] = earliest.DayNumber;
            _latest[v] = latest.DayNumber;
            _maxSpan = Math.Max(_maxSpan, _latest[v] - _earliest[v]);
        }
        else
        {
            _earliest[v] = Undated;
            _latest[v] = Undated;
        }
        _tail.Add(v);
        _tailSorted = false;
        return v;
    }

    private bool IsDated(int version) => _earliest[version] != Undated;

    private bool Wanted(int version, int count, int first, int last, bool undated) =>
        _from[version] <= count && count < _to[version]
        && (IsDated(version) ? _earliest[version] <= last && _latest[version] >= first : undated);

    /// <summary>Puts what arrived in order now, so that <see cref="Walk"/> changes nothing and walks may run side by side.</summary>
    public void Prepare() => PrepareTail();

    /// <summary>Sorts the tail, and merges it into the rows once it is large enough to be worth a pass over them.</summary>
    private void PrepareTail()
    {
        if (!_tailSorted)
        {
            _tail.Sort(Compare);
            _tailSorted = true;
        }
        if (_tail.Count < Math.Max(MinTailToMerge, _rowCount / 16))
        {
            return;
        }
        var merged = new Row[_rowCount + _tail.Count];
        int a = 0, b = 0, n = 0;
        while (a < _rowCount || b < _tail.Count)
        {
            var fromTail = a == _rowCount || (b < _tail.Count && Before(_tail[b], _rows[a].Version));
            var row = fromTail ? RowOf(_tail[b++]) : _rows[a++];
            _row[row.Version] = n;
            merged[n++] = row;
        }
        _rows = merged;
        _rowCount = n;
        _tail.Clear();
    }

    private Row RowOf(int version) => new(version, _from[version], _to[version], _earliest[version], _latest[version]);

    /// <summary>The first row whose earliest day is at least <paramref name="day"/>.</summary>
    private int FirstRowFrom(long day)
    {
        int low = 0, high = _rowCount;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_rows[mid].Earliest < day)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private bool Before(int a, int b) => Compare(a, b) < 0;

    private int Compare(int a, int b)
    {
        var byEarliest = _earliest[a].CompareTo(_earliest[b]);
        if (byEarliest != 0)
        {
            return byEarliest;
        }
        var byLatest = _latest[a].CompareTo(_latest[b]);
        if (byLatest != 0)
        {
            return byLatest;
        }
        var byId = string.CompareOrdinal(_entries[a].Id, _entries[b].Id);
        if (byId != 0)
        {
            return byId;
        }
        // Entries.Build lists occurrences before lone claims; versions of one entry are never alive together.
        var byKind = _entries[b].IsOccurrence.CompareTo(_entries[a].IsOccurrence);
        return byKind != 0 ? byKind : a.CompareTo(b);
    }

    private struct Row(int version, int from, int to, int earliest, int latest)
    {
        public readonly int Version = version;
        public readonly int From = from;
        public int To = to;
        public readonly int Earliest = earliest;
        public readonly int Latest = latest;
    }
}
