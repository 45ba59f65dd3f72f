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

    private readonly Utf8Table<string> _table = new(1 << 10);

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return StrictUtf8.GetString(utf8);
        }
        var hash = Utf8Table<string>.Hash(utf8);
        if (_table.Find(utf8, hash) is { } known)
        {
            return known;
        }
        var value = StrictUtf8.GetString(utf8);
        if (_table.Count < Capacity)
        {
            _table.Add(utf8, hash, value);
        }
        return value;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
