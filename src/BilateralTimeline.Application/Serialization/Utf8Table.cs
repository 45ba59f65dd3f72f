namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// An open-addressing table from exact UTF-8 bytes to a value, the one both pools keep: no strings are made to
/// look a value up, and a lookup compares the stored bytes only when the hashes agree. Grows at half full.
/// What to remember and when to forget is the pool's choice. Not thread-safe.
/// </summary>
internal sealed class Utf8Table<T>(int size) where T : class
{
    private Entry[] _table = new Entry[size];

    public int Count { get; private set; }

    private struct Entry
    {
        public int Hash;
        public byte[]? Utf8;
        public T? Value;
    }

    public static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }

    /// <summary>The value stored for these bytes (<paramref name="hash"/> is their <see cref="Hash"/>), or null.</summary>
    public T? Find(ReadOnlySpan<byte> utf8, int hash)
    {
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

    /// <summary>Stores <paramref name="value"/> for bytes not in the table (after a <see cref="Find"/> that found nothing).</summary>
    public void Add(ReadOnlySpan<byte> utf8, int hash, T value)
    {
        Place(_table, new Entry { Hash = hash, Utf8 = utf8.ToArray(), Value = value });
        if (++Count * 2 > _table.Length)
        {
            var old = _table;
            _table = new Entry[old.Length * 2];
            foreach (var entry in old)
            {
                if (entry.Utf8 is not null)
                {
                    Place(_table, entry);
                }
            }
        }
    }

    private static void Place(Entry[] table, Entry entry)
    {
        var mask = table.Length - 1;
        var i = entry.Hash & mask;
        while (table[i].Utf8 is not null)
        {
            i = (i + 1) & mask;
        }
        table[i] = entry;
    }
}
