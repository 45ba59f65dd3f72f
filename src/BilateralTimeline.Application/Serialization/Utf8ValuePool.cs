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

    private Utf8Table<T>? _table;
    private int _bytes;

    /// <summary>The value remembered for these bytes, or null.</summary>
    public T? Find(ReadOnlySpan<byte> utf8) =>
        utf8.Length > MaxBytes || _table is not { Count: > 0 } table ? null : table.Find(utf8, Utf8Table<T>.Hash(utf8));

    /// <summary>Remembers <paramref name="value"/> as what <paramref name="utf8"/> decodes to (call after a <see cref="Find"/> that found nothing).</summary>
    public void Add(ReadOnlySpan<byte> utf8, T value)
    {
        if (utf8.Length > MaxBytes)
        {
            return;
        }
        if (_table is null || _table.Count == Capacity || _bytes + utf8.Length > MaxTotalBytes)
        {
            _table = new Utf8Table<T>(FirstSize);
            _bytes = 0;
        }
        _table.Add(utf8, Utf8Table<T>.Hash(utf8), value);
        _bytes += utf8.Length;
    }
}
