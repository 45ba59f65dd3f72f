namespace BilateralTimeline.Application.Ports;

/// <summary>
/// What the writer believes about the stream before appending: anything, that it does not exist,
/// or that its last event has exactly this revision (0-based). Mirrors EventStoreDB's
/// any / no_stream / revision so every adapter can map it one to one.
/// </summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;

    private readonly long _value;

    private ExpectedRevision(long value) => _value = value;

    public static ExpectedRevision Any => new(AnyValue);

    public static ExpectedRevision NoStream => new(NoStreamValue);

    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new ExpectedRevision(revision) : throw new ArgumentOutOfRangeException(nameof(revision), revision, "a stream revision is 0 or more");

    /// <summary>The revision the stream must be at, or null when any state is acceptable.</summary>
    public long? Revision => _value >= 0 ? _value : null;

    public bool IsAny => _value == AnyValue;

    public bool IsNoStream => _value == NoStreamValue;

    /// <summary>True when a stream whose last revision is <paramref name="actual"/> (-1 = no stream) satisfies this.</summary>
    public bool IsSatisfiedBy(long actual) => _value == AnyValue || _value == actual;

    /// <summary>-1 for no stream, else the revision; -2 means any.</summary>
    public long ToInt64() => _value;

    public override string ToString() => _value switch
    {
        AnyValue => "any",
        NoStreamValue => "no stream",
        _ => _value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
