using System.Runtime.CompilerServices;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The persisted state terms of one dyad, read back as columns: per revision its recording time and what
/// the state reads of the ledger after it, and per entry version the counts it is alive for and its score,
/// status and contact terms as plain numbers. A state after any count of events is a scan of these columns
/// in entry order with <see cref="RelationshipStateParts.At(DateOnly, DateTimeOffset?, int, int?)"/>'s
/// arithmetic; only the movers of the page and the last contact need their records (<see cref="Draft"/>).
/// </summary>
internal sealed class StateTerms
{
    // A version's kind byte: how it is scored (the low two bits) and where its contact days are.
    private const byte NoScore = 0;
    private const byte SingleScore = 1;
    private const byte GeneralScore = 2;
    private const byte ScoreBits = 3;
    // Its contact is the single reading's own days, which the day columns hold: most contacts are.
    private const byte ContactAtScoreDays = 4;
    // Its contact has days of its own, kept aside.
    private const byte ContactElsewhere = 8;
    private const byte AnyContact = ContactAtScoreDays | ContactElsewhere;

    private long[] _recorded = new long[1024];
    private long[] _lastPosition = new long[1024];
    private int[] _claims = new int[1024];
    private int[] _retracted = new int[1024];
    private int _revisions;

    private long[] _order = new long[1024];
    private int[] _from = new int[1024];
    private int[] _to = new int[1024];
    private byte[] _kind = new byte[1024];
    // Weights and Goldstein values come from small tables (a confidence grade, a CAMEO code): a version keeps the number of
    // its pair, 4 bytes where the two doubles were 16 (a million-version dyad held in a server: 11 MB less).
    private int[] _scorePair = new int[1024];
    private readonly ScorePairs _pairs = new();
    private int[] _firstDay = new int[1024];
    private int[] _lastDay = new int[1024];
    private readonly Dictionary<int, (int Earliest, int Latest)> _contactsElsewhere = [];
    private readonly Dictionary<int, UncertainTime> _generalTimes = [];
    private readonly Dictionary<int, List<StatusChange>> _changes = [];
    // One bit per version that has status changes: a question asks every alive version, and a dictionary lookup each was a fifth of it.
    private ulong[] _changeBits = [];
    // Revisions below this are known to be recorded in order (see RecordedInOrder).
    private int _recordedCheckedUpTo;
    private bool _recordedOutOfOrder;
    private int _versions;
    // Version slots added but not set (see Absent): the walks size their arrays by the others.
    private int _absent;
    // Versions per block of the scan order whose least first count a question checks before reading the block.
    private const int BlockBits = 6;
    private ScanOrder? _scan;
    // The version numbers below this are the ones _scan holds (a catch-up's tail adds versions after them).
    private int _sortedVersions;
    // Counts below this may need versions that were not read (segments read without those that ended within them).
    private long _partialUpTo;

    // A slot of a version not read: never alive, never open, never sorted, and ending it is an error.
    private const int Absent = int.MaxValue;

    /// <summary>Revisions covered: the next segment starts at this revision.</summary>
    public int Revisions => _revisions;

    /// <summary>Versions held: the next segment's first version number.</summary>
    public int Versions => _versions;

    public long RecordedTicks(int revision) => _recorded[revision];

    /// <summary>
    /// The count of events whose last is at global position <paramref name="position"/>: null when the terms end before it,
    /// -1 when no revision they answer for ends there (not this stream's event, or one read without its columns).
    /// </summary>
    public int? CountThrough(long position)
    {
        if (_revisions == 0 || _lastPosition[_revisions - 1] < position)
        {
            return null;
        }
        var at = Array.BinarySearch(_lastPosition, 0, _revisions, position);
        return at >= 0 && Answers(at + 1) ? at + 1 : -1;
    }

    /// <summary>The ledger's last position and claim counts after revision <paramref name="revision"/>.</summary>
    public (long LastPosition, int Claims, int Retracted) After(int revision) => (_lastPosition[revision], _claims[revision], _retracted[revision]);

    /// <summary>The status changes of version <paramref name="version"/>, which the columns hold (its heavy block does not).</summary>
    public IReadOnlyList<StatusChange> ChangesOf(int version) => _changes.TryGetValue(version, out var changes) ? changes : [];

    /// <summary>Where version <paramref name="version"/> stands and the counts it is alive for.</summary>
    public (long Order, int From, int To) Version(int version) => (_order[version], _from[version], _to[version]);

    /// <summary>Room for this many more revisions and versions, exactly: a decoder that knows the sizes grows each column once.</summary>
    public void Reserve(int revisions, int versions) => Reserve(revisions, versions, exact: true);

    private void Reserve(int revisions, int versions, bool exact)
    {
        Grow(ref _recorded, _revisions + revisions, exact);
        Grow(ref _lastPosition, _revisions + revisions, exact);
        Grow(ref _claims, _revisions + revisions, exact);
        Grow(ref _retracted, _revisions + revisions, exact);
        var size = _versions + versions;
        Grow(ref _order, size, exact);
        Grow(ref _from, size, exact);
        Grow(ref _to, size, exact);
        Grow(ref _kind, size, exact);
        Grow(ref _scorePair, size, exact);
        Grow(ref _firstDay, size, exact);
        Grow(ref _lastDay, size, exact);
    }

    public void AddCount(long recordedTicks, long lastPosition, int claims, int retracted)
    {
        // The revision columns always have one length (they grow together): one check, not four, per revision.
        if (_revisions == _recorded.Length)
        {
            Reserve(1, 0, exact: false);
        }
        (_recorded[_revisions], _lastPosition[_revisions], _claims[_revisions], _retracted[_revisions]) = (recordedTicks, lastPosition, claims, retracted);
        _revisions++;
    }

    /// <summary>
    /// <paramref name="revisions"/> revisions of a segment read without its own columns: each takes the segment's latest
    /// recording time and its last numbers, which is all a count past the segment's end reads of them (the cut of a
    /// known-at no earlier than that time lies past them; the numbers after the last are the ones stored).
    /// </summary>
    public void AddPartialCounts(int revisions, long latestRecordedTicks, long lastPosition, int claims, int retracted)
    {
        var first = AddCountSlots(revisions);
        var range = new Range(first, first + revisions);
        _recorded.AsSpan(range).Fill(latestRecordedTicks);
        _lastPosition.AsSpan(range).Fill(lastPosition);
        _claims.AsSpan(range).Fill(claims);
        _retracted.AsSpan(range).Fill(retracted);
    }

    /// <summary>Whether <paramref name="revisions"/> more revisions fit the columns as reserved (then <see cref="AddCountSlots"/> moves nothing).</summary>
    public bool HasRoomForCounts(int revisions) => revisions >= 0 && (long)_revisions + revisions <= _recorded.Length;

    /// <summary><paramref name="revisions"/> revisions whose columns <see cref="SetCount"/> fills, in any order and from another thread; the first of them.</summary>
    public int AddCountSlots(int revisions)
    {
        Reserve(revisions, 0, exact: false);
        var first = _revisions;
        _revisions += revisions;
        return first;
    }

    public void SetCount(int revision, long recordedTicks, long lastPosition, int claims, int retracted) =>
        (_recorded[revision], _lastPosition[revision], _claims[revision], _retracted[revision]) = (recordedTicks, lastPosition, claims, retracted);

    /// <summary>Counts before <paramref name="count"/> may not be asked: some of the versions alive at them were not read.</summary>
    public void PartialUpTo(long count) => _partialUpTo = Math.Max(_partialUpTo, count);

    /// <summary>Whether a state after <paramref name="count"/> events can be drawn from what was read.</summary>
    public bool Answers(int count) => count >= _partialUpTo;

    /// <summary><paramref name="count"/> version numbers, absent until <see cref="SetVersion"/> sets them; the first of them.</summary>
    public int AddVersionSlots(int count)
    {
        Reserve(0, count, exact: false);
        var first = _versions;
        var range = new Range(first, first + count);
        _from.AsSpan(range).Fill(Absent);
        _to.AsSpan(range).Clear();
        _kind.AsSpan(range).Clear();
        _versions += count;
        _absent += count;
        return first;
    }

    public void SetVersion(int version, long order, int from, int to)
    {
        if ((uint)version >= (uint)_versions || _from[version] != Absent || from == Absent)
        {
            throw new InvalidDataException("state terms set a version twice or outside their slots");
        }
        (_order[version], _from[version], _to[version]) = (order, from, to);
        _absent--;
        if (version < _sortedVersions)
        {
            // Only a version added after the sort may be set: anything else sorts again.
            _scan = null;
        }
    }

    public int AddVersion(long order, int from, int to)
    {
        var v = AddVersionSlots(1);
        SetVersion(v, order, from, to);
        return v;
    }

    /// <summary>A version's score terms; before its contact (<see cref="SetContact"/>), which may share its days.</summary>
    public void SetScore(int version, double weight, double goldstein, int firstDay, int lastDay, UncertainTime? general)
    {
        if ((_kind[version] & AnyContact) != 0)
        {
            throw new InvalidOperationException("state terms set a version's score after its contact");
        }
        _scorePair[version] = _pairs.Of(weight, goldstein);
        if (general is null)
        {
            (_kind[version], _firstDay[version], _lastDay[version]) = (SingleScore, firstDay, lastDay);
        }
        else
        {
            _kind[version] = GeneralScore;
            _generalTimes[version] = general;
        }
    }

    public void SetContact(int version, int earliest, int latest)
    {
        var kind = (byte)(_kind[version] & ~AnyContact);
        if ((kind & ScoreBits) == SingleScore && _firstDay[version] == earliest && _lastDay[version] == latest)
        {
            _kind[version] = (byte)(kind | ContactAtScoreDays);
            _contactsElsewhere.Remove(version);
        }
        else
        {
            _kind[version] = (byte)(kind | ContactElsewhere);
            _contactsElsewhere[version] = (earliest, latest);
        }
    }

    /// <summary>The days of version <paramref name="v"/>'s contact, whose kind <paramref name="kind"/> says it has one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int Earliest, int Latest) ContactOf(int v, byte kind) =>
        (kind & ContactAtScoreDays) != 0 ? (_firstDay[v], _lastDay[v]) : _contactsElsewhere[v];

    public void AddChange(int version, StatusChange change)
    {
        if (!_changes.TryGetValue(version, out var list))
        {
            _changes[version] = list = [];
            if (version >> 6 >= _changeBits.Length)
            {
                Array.Resize(ref _changeBits, Math.Max((version >> 6) + 1, _changeBits.Length * 2));
            }
            _changeBits[version >> 6] |= 1UL << version;
        }
        list.Add(change);
    }

    public void End(int version, int to)
    {
        if ((uint)version >= (uint)_versions || _from[version] == Absent || to < _from[version])
        {
            throw new InvalidDataException("state terms end a version they do not hold");
        }
        _to[version] = to;
    }

    /// <summary>The versions still alive after the last revision, by order (of the orders in <paramref name="only"/>, when given): what a catch-up continues.</summary>
    public Dictionary<long, int> OpenByOrder(IReadOnlySet<long>? only = null)
    {
        var open = new Dictionary<long, int>();
        for (var v = 0; v < _versions; v++)
        {
            if (_to[v] == int.MaxValue && (only is null || only.Contains(_order[v])))
            {
                open[_order[v]] = v;
            }
        }
        return open;
    }

    /// <summary>
    /// The events of the ledger as known at <paramref name="knownAt"/> (null: all held), as the fold cuts it:
    /// up to the first event recorded after it; null when that event may lie after the revisions held.
    /// </summary>
    public int? CountAt(DateTimeOffset? knownAt)
    {
        if (knownAt is not { } t)
        {
            return null;
        }
        var ticks = t.UtcTicks;
        if (RecordedInOrder())
        {
            // The first revision recorded after the cut, by halving: a scan of a million revisions was a tenth of a question.
            int low = 0, high = _revisions;
            while (low < high)
            {
                var middle = (int)((uint)(low + high) >> 1);
                if (_recorded[middle] > ticks)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            return low < _revisions ? low : null;
        }
        for (var r = 0; r < _revisions; r++)
        {
            if (_recorded[r] > ticks)
            {
                return r;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the revisions' recording times never go down (every store stamps them in order; a log copied from elsewhere
    /// need not be). Checked once per revision, as revisions are added; one that goes down is answered by the scan for good.
    /// </summary>
    private bool RecordedInOrder()
    {
        if (_recordedOutOfOrder)
        {
            return false;
        }
        var checkedUpTo = Volatile.Read(ref _recordedCheckedUpTo);
        for (var r = Math.Max(1, checkedUpTo); r < _revisions; r++)
        {
            if (_recorded[r] < _recorded[r - 1])
            {
                _recordedOutOfOrder = true;
                return false;
            }
        }
        Volatile.Write(ref _recordedCheckedUpTo, _revisions);
        return true;
    }

    /// <summary>The numbers of the state after <paramref name="count"/> events at <paramref name="asOf"/>, and which versions' records its page needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StateDraft Draft(int count, DateOnly asOf, int skip, int? limit)
    {
        if (!Answers(count))
        {
            throw new InvalidOperationException($"the state after {count} events needs versions these terms did not read (they answer from {_partialUpTo} on)");
        }
        var (sorted, firstBorn) = Scan();
        var day = asOf.DayNumber;
        var scratch = MoverScratch.Take();
        try
        {
            // Each mover's weighted Goldstein goes where its share will be: the shares need the total, and a page's few
            // weights and standings are cheaper to work out again than to keep for every mover.
            var (moved, products) = (scratch.Moved, scratch.Products);
            var n = 0;
            var changes = new List<StatusChange>();
            double weighted = 0, total = 0;
            var contact = -1;
            var contactLatest = 0;
            for (var block = 0; block < firstBorn.Length; block++)
            {
                if (firstBorn[block] > count)
                {
                    // No version of this block is alive yet after count events.
                    continue;
                }
                var end = Math.Min(sorted.Length, (block + 1) << BlockBits);
                for (var i = block << BlockBits; i < end; i++)
                {
                    var v = sorted[i];
                    if (_from[v] > count || count >= _to[v])
                    {
                        continue;
                    }
                    var kind = _kind[v];
                    if ((kind & ScoreBits) != NoScore && Weigh(v, asOf) is var (standing, weight) && standing is TimeStanding.Occurred or TimeStanding.Possibly)
                    {
                        // The product is the fold's own term of the weighted sum; the share divides it by the total later.
                        var product = weight * _pairs.Goldstein(_scorePair[v]);
                        weighted += product;
                        total += weight;
                        if (n == moved.Length)
                        {
                            scratch.Grow(n);
                            (moved, products) = (scratch.Moved, scratch.Products);
                        }
                        moved[n] = v;
                        products[n] = product;
                        n++;
                    }
                    if ((uint)(v >> 6) < (uint)_changeBits.Length && (_changeBits[v >> 6] & (1UL << v)) != 0 && _changes.TryGetValue(v, out var own))
                    {
                        changes.AddRange(own);
                    }
                    if ((kind & AnyContact) != 0 && ContactOf(v, kind) is var (earliest, latest) && earliest <= day && (contact < 0 || latest >= contactLatest))
                    {
                        (contact, contactLatest) = (v, latest);
                    }
                }
            }
            double? score = total > 0 ? Math.Round(weighted / total, 2) : null;
            var first0 = Math.Max(0, skip);
            var wanted = limit is { } take ? (int)Math.Min(n, (long)first0 + take) : n;
            var order = MoverOrder.FirstOfProducts(products, n, wanted, total);
            var page = new List<StateDraft.Mover>(Math.Max(0, order.Length - first0));
            for (var k = first0; k < order.Length; k++)
            {
                var j = order[k];
                var (standing, weight) = Weigh(moved[j], asOf);
                page.Add(new StateDraft.Mover(moved[j], Math.Round(weight, 3), MoverOrder.Share(products[j], total), standing));
            }
            var next = limit is { } l && (long)first0 + l < n ? PageCursor.Encode(first0 + l) : null;
            var index = count - 1;
            return new StateDraft(
                index >= 0 ? _lastPosition[index] : 0, index >= 0 ? _claims[index] : 0, index >= 0 ? _retracted[index] : 0,
                score, page, n, next, changes, contact, contact >= 0 && contactLatest > day);
        }
        finally
        {
            MoverScratch.Give(scratch);
        }
    }

    /// <summary>A scored version's standing at <paramref name="asOf"/> and its weight then (0 unless it occurred or possibly did), as the fold works them out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (TimeStanding Standing, double Weight) Weigh(int v, DateOnly asOf)
    {
        var day = asOf.DayNumber;
        TimeStanding standing;
        double share;
        int latest;
        if ((_kind[v] & ScoreBits) == SingleScore)
        {
            (standing, share, latest) = ScoreTerms.OneReading(_firstDay[v], _lastDay[v], day);
        }
        else
        {
            var (general, generalShare, generalLatest) = ScoreTerms.At(_generalTimes[v], asOf);
            (standing, share, latest) = (general, generalShare, generalLatest.DayNumber);
        }
        if (standing is not (TimeStanding.Occurred or TimeStanding.Possibly))
        {
            return (standing, 0);
        }
        var age = day - Math.Min(day, latest);
        return (standing, _pairs.Weight(_scorePair[v]) * share * AgeDecay.Of(age));
    }

    /// <summary>
    /// Version numbers in entry order (one entry's versions are never alive together, so ties need no order), and per block
    /// of <c>2^BlockBits</c> of them the least count any is alive from.
    /// </summary>
    private ScanOrder Scan()
    {
        if (_scan is { } scan && _sortedVersions == _versions)
        {
            return scan;
        }
        // A held dyad's terms grow by a catch-up's tail at a time: its few versions are merged into the order already made
        // (a million-version sort was most of a server's question after a write); a long way behind, they are sorted again.
        var sorted = _scan is { } before && (_versions - _sortedVersions) <= _sortedVersions / 8
            ? MergedWith(before.Sorted, _sortedVersions)
            : SortedPacked() ?? SortedByKeys();
        _scan = new ScanOrder(sorted, FirstBorn(sorted));
        _sortedVersions = _versions;
        return _scan;
    }

    /// <summary>
    /// The least count each block of <paramref name="sorted"/> has a version alive from. Entries are in ledger order, so a
    /// question known at an earlier time passes over whole blocks of entries recorded after it: on average half a dyad's
    /// versions, which it would otherwise read one by one (a version's first count never changes once set; only its end does).
    /// </summary>
    private int[] FirstBorn(int[] sorted)
    {
        var blocks = new int[(sorted.Length + (1 << BlockBits) - 1) >> BlockBits];
        for (var b = 0; b < blocks.Length; b++)
        {
            var least = int.MaxValue;
            var end = Math.Min(sorted.Length, (b + 1) << BlockBits);
            for (var i = b << BlockBits; i < end; i++)
            {
                least = Math.Min(least, _from[sorted[i]]);
            }
            blocks[b] = least;
        }
        return blocks;
    }

    private sealed record ScanOrder(int[] Sorted, int[] FirstBorn);

    /// <summary>
    /// <paramref name="sorted"/> (the versions below <paramref name="from"/> in entry order) with the versions read since,
    /// in the same order: ties by version number, as <see cref="SortedPacked"/> orders them.
    /// </summary>
    internal int[] MergedWith(int[] sorted, int from)
    {
        var added = new List<int>(_versions - from);
        for (var v = from; v < _versions; v++)
        {
            if (_from[v] != Absent)
            {
                added.Add(v);
            }
        }
        added.Sort(Compare);
        var merged = new int[sorted.Length + added.Count];
        int i = 0, j = 0, k = 0;
        while (i < sorted.Length && j < added.Count)
        {
            merged[k++] = Compare(added[j], sorted[i]) < 0 ? added[j++] : sorted[i++];
        }
        sorted.AsSpan(i).CopyTo(merged.AsSpan(k));
        k += sorted.Length - i;
        for (; j < added.Count; j++)
        {
            merged[k++] = added[j];
        }
        return merged;
    }

    private int Compare(int a, int b) => _order[a] != _order[b] ? _order[a].CompareTo(_order[b]) : a.CompareTo(b);

    /// <summary>
    /// Entry orders are event positions, or positions past <c>2^62</c> for claims standing alone: below <c>2^40</c> each,
    /// two ranges fit 41 bits, and with the version number in the low 23 one array of plain numbers sorts (about
    /// twice as fast as keys with items, which was a sixth of a cold state on a 1M-event dyad). Null when they do not fit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal int[]? SortedPacked()
    {
        const int VersionBits = 23;
        const long Lone = 1L << 62, Span = 1L << 40;
        if (_versions >= 1 << VersionBits)
        {
            return null;
        }
        var packed = new ulong[_versions - _absent];
        var n = 0;
        for (var v = 0; v < _versions; v++)
        {
            if (_from[v] == Absent)
            {
                continue;
            }
            var order = _order[v];
            long rank = order is >= 0 and < Span ? order : order - Lone is >= 0 and < Span ? Span + (order - Lone) : -1;
            if (rank < 0)
            {
                return null;
            }
            packed[n++] = ((ulong)rank << VersionBits) | (uint)v;
        }
        Array.Sort(packed);
        var sorted = new int[packed.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = (int)(packed[i] & ((1u << VersionBits) - 1));
        }
        return sorted;
    }

    internal int[] SortedByKeys()
    {
        var n = _versions - _absent;
        var keys = new long[n];
        var sorted = new int[n];
        for (int v = 0, i = 0; v < _versions; v++)
        {
            if (_from[v] != Absent)
            {
                (keys[i], sorted[i]) = (_order[v], v);
                i++;
            }
        }
        Array.Sort(keys, sorted);
        return sorted;
    }

    /// <summary>Sorts the versions now, so that the questions sharing these terms only read them.</summary>
    public void Prepare() => _ = Scan();

    /// <summary>Version numbers held whose versions were not read.</summary>
    public int Unread => _absent;

    private static void Grow<T>(ref T[] array, int size, bool exact)
    {
        if (array.Length < size)
        {
            Array.Resize(ref array, exact ? size : Math.Max(size, array.Length * 2));
        }
    }
}
