using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.IO.Compression;
using System.Text;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The primitives of the state-term layout (<see cref="TermReader"/> reads them): varints, a string
/// table per document (a subject, kind or claim id named a thousand times is stored once), bare times.
/// </summary>
internal sealed class TermWriter(BinaryWriter output)
{
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);

    public BinaryWriter Output => output;

    public void Int(int value) => output.Write7BitEncodedInt(value);

    public void Long(long value) => output.Write7BitEncodedInt64(value);

    /// <summary>A value that may be negative or jump around (a delta): zigzag, so small magnitudes stay short.</summary>
    public void Signed(long value) => output.Write7BitEncodedInt64((value << 1) ^ (value >> 63));

    public void Double(double value) => output.Write(value);

    public void Bool(bool value) => output.Write(value);

    /// <summary>0: null; n: the (n-1)-th string of the table, written in full where it first occurs.</summary>
    public void Text(string? text)
    {
        if (text is null)
        {
            Int(0);
            return;
        }
        if (_strings.TryGetValue(text, out var index))
        {
            Int(index + 1);
            return;
        }
        index = _strings.Count;
        _strings[text] = index;
        Int(index + 1);
        output.Write(text);
    }

    public void Texts(IReadOnlyList<string> texts)
    {
        Int(texts.Count);
        foreach (var text in texts)
        {
            Text(text);
        }
    }

    /// <summary>Only the readings: the state keeps times bare (no phrase, no findings).</summary>
    public void Time(UncertainTime time)
    {
        Int(time.Candidates.Count);
        foreach (var c in time.Candidates)
        {
            Signed(c.From.DayNumber);
            Signed(c.To.DayNumber);
            output.Write((byte)c.Precision);
            output.Write((byte)c.Method);
            Text(c.Anchor);
            Text(c.Reason);
            Bool(c.At is not null);
            if (c.At is { } at)
            {
                output.Write(at.Ticks);
                output.Write((short)at.TotalOffsetMinutes);
            }
            Text(c.TimeZone);
        }
    }
}

/// <summary>
/// Reads what <see cref="TermWriter"/> wrote, from a deflated piece through its own buffer. Its hot methods are
/// compiled optimised at their first call: a cold `bt state` is a short process, and decoding a 1M-event dyad's
/// terms ran mostly in unoptimised first-tier code before (with the decoder's loops and the packed sort of
/// <see cref="StateTerms"/>, 0.88 s became 0.74 s wall). Its own buffer rather than a BinaryReader over a
/// BufferedStream: both optimised so, a cold state at 1M took 0.73 s through this one and 0.78 s through those. Strings come back as one instance per table entry. Past
/// the end, <see cref="EndOfStreamException"/>; a malformed varint, <see cref="FormatException"/>: what a damaged piece gives.
/// </summary>
internal sealed class TermReader : IDisposable
{
    private const int BufferSize = 1 << 16;

    /// <summary>The longest single value a piece may hold: a length edited in a stored row must not allocate gigabytes.</summary>
    private const int MaxValueBytes = 16 << 20;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<string> _strings = [];
    private readonly Stream _source;
    private byte[] _data;
    private int _at;
    private int _end;

    private TermReader(Stream source) => (_source, _data) = (source, ArrayPool<byte>.Shared.Rent(BufferSize));

    /// <summary>The deflated piece <paramref name="bytes"/> from <paramref name="at"/> on.</summary>
    public static TermReader Inflate(byte[] bytes, int at = 0) => Inflate(bytes, at, bytes.Length - at);

    /// <summary>The deflated piece of <paramref name="length"/> bytes of <paramref name="bytes"/> at <paramref name="at"/>.</summary>
    public static TermReader Inflate(byte[] bytes, int at, int length) =>
        new(new DeflateStream(new MemoryStream(bytes, at, length, writable: false), CompressionMode.Decompress));

    public void Dispose()
    {
        _source.Dispose();
        var data = _data;
        _data = [];
        (_at, _end) = (0, 0);
        if (data.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Int()
    {
        var value = Long();
        return value is >= 0 and <= uint.MaxValue ? (int)(uint)value : throw new FormatException("a stored count past 32 bits");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Long()
    {
        var at = _at;
        if (_end - at < 10)
        {
            return LongAcrossFill();
        }
        // The whole varint is in the buffer: read it without a bounds check per byte (a million revisions' columns are mostly these).
        var data = _data;
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = data[at++];
            if (shift == 63 && b > 1)
            {
                throw new FormatException("a stored varint past 64 bits");
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                _at = at;
                return (long)value;
            }
        }
        throw new FormatException("a stored varint longer than ten bytes");
    }

    private long LongAcrossFill()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            if (shift == 63 && b > 1)
            {
                throw new FormatException("a stored varint past 64 bits");
            }
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)result;
            }
        }
        throw new FormatException("a stored varint longer than ten bytes");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Signed()
    {
        var raw = (ulong)Long();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public double Double() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    public bool Bool() => Byte() != 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public byte Byte()
    {
        if (_at == _end && !Fill(1))
        {
            throw new EndOfStreamException();
        }
        return _data[_at++];
    }

    public byte[] Bytes(int count) => Take(count).ToArray();

    public Guid Guid() => new(Take(16));

    /// <summary>Past <paramref name="count"/> bytes, copying none.</summary>
    public void Skip(int count) => Take(count);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Text()
    {
        var n = Int();
        if (n == 0)
        {
            return null;
        }
        if (n <= _strings.Count)
        {
            return _strings[n - 1];
        }
        if (n != _strings.Count + 1)
        {
            throw new InvalidDataException("a string table reference past the table");
        }
        var text = Utf8.GetString(Take(Int()));
        _strings.Add(text);
        return text;
    }

    public string Required() => Text() ?? throw new InvalidDataException("a required string is missing");

    public List<string> Texts() => TextsOf(Int());

    private List<string> TextsOf(int count)
    {
        var texts = new List<string>(Math.Min(count, _end - _at));
        for (var i = 0; i < count; i++)
        {
            texts.Add(Required());
        }
        return texts;
    }

    /// <summary>As <see cref="Texts"/>, but an empty list is the one shared empty list: most lists a record names are empty.</summary>
    public IReadOnlyList<string> TextList()
    {
        var count = Int();
        return count == 0 ? [] : TextsOf(count);
    }

    /// <summary>Past a list of strings: those it writes in full still enter the table, as later references need them.</summary>
    public void SkipTexts()
    {
        var count = Int();
        for (var i = 0; i < count; i++)
        {
            Required();
        }
    }

    public UncertainTime Time()
    {
        var count = Int();
        var candidates = new List<CandidateInterval>(Math.Min(count, _end - _at));
        for (var i = 0; i < count; i++)
        {
            var from = DateOnly.FromDayNumber(checked((int)Signed()));
            var to = DateOnly.FromDayNumber(checked((int)Signed()));
            var precision = (DatePrecision)Byte();
            var method = (ResolutionMethod)Byte();
            var (anchor, reason) = (Text(), Text());
            DateTimeOffset? at = Bool() ? new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(Take(8)), TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(Take(2)))) : null;
            candidates.Add(new CandidateInterval(from, to, precision, method, anchor, reason, at, Text()));
        }
        return new UncertainTime(null, null, candidates, []);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || (count > _end - _at && !Fill(count)))
        {
            throw new EndOfStreamException();
        }
        var span = _data.AsSpan(_at, count);
        _at += count;
        return span;
    }

    /// <summary>Reads on until at least <paramref name="count"/> bytes are buffered; false when the piece ends first.</summary>
    private bool Fill(int count)
    {
        if (count > MaxValueBytes)
        {
            throw new InvalidDataException("a stored value longer than a piece can hold");
        }
        if (count > _data.Length)
        {
            // A long string: only as long as the piece holds, which the source proves as it is read.
            var larger = ArrayPool<byte>.Shared.Rent(count);
            _data.AsSpan(_at, _end - _at).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_data);
            (_data, _end, _at) = (larger, _end - _at, 0);
        }
        else if (_at > 0)
        {
            _data.AsSpan(_at, _end - _at).CopyTo(_data);
            (_end, _at) = (_end - _at, 0);
        }
        while (_end < count)
        {
            var read = _source.Read(_data, _end, _data.Length - _end);
            if (read == 0)
            {
                return false;
            }
            _end += read;
        }
        return true;
    }
}
