namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// Immutable values decoded from JSON, remembered by their exact UTF-8 bytes: a claim's actors, its
/// attribution, its quotes and its dates repeat across the claims of one article and one office, and a
/// replay keeps every claim. Equal bytes give the one instance decoded first, so the reader skips the
/// decoding and the views hold one object where they held one per claim (fewer objects for the collector
/// to copy and walk). Bounded: when <see cref="Capacity"/> values or <see cref="MaxTotalBytes"/> of their
/// bytes are remembered it forgets them all and starts again, so a log of values that never repeat costs
/// a small table, not a growing one; and no table at all until the first value (a server keeps a decoder
/// per dyad it has indexed). Not thread-safe.
/// </summary>
internal sealed class Utf8ValuePool<T> where T : class
{
    public const int MaxBytes = 1024;
    public const int Capacity = 1 << 12;
    public const int MaxTotalBytes = 1 << 18;
    private const int FirstSize = 1 << 4;

    private Entry[] _table = [];
    private int _count;
    private int _bytes;

    private struct Entry
    {
        public int Hash;
        public byte[]? Utf8;
        public T? Value;
    }

    /// <summary>The value remembered for these bytes, or null.</summary>
    public T? Find(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes || _count == 0)
        {
            return null;
        }
        var hash = Hash(utf8);
        var mask = _table.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref _table[i];
            if (entry.Utf8 is null)
            {
                return null;
            }
            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }
        }
    }

    /// <summary>Remembers <paramref name="value"/> as what <paramref name="utf8"/> decodes to (call after a <see cref="Find"/> that found nothing).</summary>
    public void Add(ReadOnlySpan<byte> utf8, T value)
    {
        if (utf8.Length > MaxBytes)
        {
            return;
        }
        if (_table.Length == 0 || _count == Capacity || _bytes + utf8.Length > MaxTotalBytes)
        {
            _table = new Entry[FirstSize];
            _count = 0;
            _bytes = 0;
        }
        var hash = Hash(utf8);
        var mask = _table.Length - 1;
        var i = hash & mask;
        while (_table[i].Utf8 is not null)
        {
            i = (i + 1) & mask;
        }
        _table[i] = new Entry { Hash = hash, Utf8 = utf8.ToArray(), Value = value };
        _bytes += utf8.Length;
        if (++_count * 2 > _table.Length)
        {
            Grow();
        }
    }

    private void Grow()
    {
        var old = _table;
        _table = new Entry[old.Length * 2];
        var mask = _table.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Utf8 is null)
            {
                continue;
            }
            var i = entry.Hash & mask;
            while (_table[i].Utf8 is not null)
            {
                i = (i + 1) & mask;
            }
            _table[i] = entry;
        }
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }
}
