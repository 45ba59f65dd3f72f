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

/// <summary>Reads what <see cref="TermWriter"/> wrote; strings come back as one instance per table entry.</summary>
internal sealed class TermReader(BinaryReader input)
{
    private readonly List<string> _strings = [];

    public int Int() => input.Read7BitEncodedInt();

    public long Long() => input.Read7BitEncodedInt64();

    public long Signed()
    {
        var raw = (ulong)input.Read7BitEncodedInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public double Double() => input.ReadDouble();

    public bool Bool() => input.ReadBoolean();

    public byte Byte() => input.ReadByte();

    public byte[] Bytes(int count) => input.ReadBytes(count) is { } bytes && bytes.Length == count ? bytes : throw new EndOfStreamException();

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
        var text = input.ReadString();
        _strings.Add(text);
        return text;
    }

    public string Required() => Text() ?? throw new InvalidDataException("a required string is missing");

    public List<string> Texts()
    {
        var count = Int();
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            texts.Add(Required());
        }
        return texts;
    }

    public UncertainTime Time()
    {
        var count = Int();
        var candidates = new List<CandidateInterval>(count);
        for (var i = 0; i < count; i++)
        {
            var from = DateOnly.FromDayNumber(checked((int)Signed()));
            var to = DateOnly.FromDayNumber(checked((int)Signed()));
            var precision = (DatePrecision)input.ReadByte();
            var method = (ResolutionMethod)input.ReadByte();
            var (anchor, reason) = (Text(), Text());
            DateTimeOffset? at = Bool() ? new DateTimeOffset(input.ReadInt64(), TimeSpan.FromMinutes(input.ReadInt16())) : null;
            candidates.Add(new CandidateInterval(from, to, precision, method, anchor, reason, at, Text()));
        }
        return new UncertainTime(null, null, candidates, []);
    }
}
