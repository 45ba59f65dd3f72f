using System.Text;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// Short strings decoded once per replay: kinds, source ids, actors, reasons and claim ids repeat across
/// thousands of events, and a replay keeps every decoded event alive in its views, so one shared
/// instance per value saves both the decoding and the memory the collector would walk. Bounded: past
/// <see cref="Capacity"/> distinct values it decodes without remembering. Not thread-safe.
/// </summary>
internal sealed class Utf8StringPool
{
    public const int MaxBytes = 64;
    public const int Capacity = 1 << 17;

    private Entry[] _table = new Entry[1 << 10];
    private int _count;

    private struct Entry
    {
        public int Hash;
        public byte[]? Utf8;
        public string Value;
    }

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return StrictUtf8.GetString(utf8);
        }
        var hash = Hash(utf8);
        var mask = _table.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            ref var entry = ref _table[i];
            if (entry.Utf8 is null)
            {
                var value = StrictUtf8.GetString(utf8);
                if (_count < Capacity)
                {
                    entry = new Entry { Hash = hash, Utf8 = utf8.ToArray(), Value = value };
                    if (++_count * 2 > _table.Length)
                    {
                        Grow();
                    }
                }
                return value;
            }
            if (entry.Hash == hash && utf8.SequenceEqual(entry.Utf8))
            {
                return entry.Value;
            }
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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
