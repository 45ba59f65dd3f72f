using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// A stored event as the store's own bytes, valid only during the call that hands it over. A replay
/// reads every event once and keeps little of it, so copying each payload into a
/// <see cref="RecordedEvent"/> first (and the hash, which a replay does not check) is waste.
/// </summary>
public readonly ref struct RawEvent(ReadOnlySpan<byte> stream, long revision, long position, Guid eventId, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> metadata, DateTimeOffset recorded)
{
    /// <summary>The stream name, UTF-8.</summary>
    public ReadOnlySpan<byte> Stream { get; } = stream;

    public long StreamRevision { get; } = revision;

    public long GlobalPosition { get; } = position;

    public Guid EventId { get; } = eventId;

    /// <summary>The stored wire name, UTF-8.</summary>
    public ReadOnlySpan<byte> Type { get; } = type;

    /// <summary>The event's JSON, UTF-8.</summary>
    public ReadOnlySpan<byte> Data { get; } = data;

    /// <summary>The metadata's JSON, UTF-8 (see <see cref="MetadataJson"/>).</summary>
    public ReadOnlySpan<byte> Metadata { get; } = metadata;

    public DateTimeOffset Recorded { get; } = recorded;
}

/// <summary>Receives one event of a raw read; the spans are reused after it returns.</summary>
public delegate void RawEventHandler(in RawEvent e);

/// <summary>
/// An optional capability of a store: read the whole log forwards without materialising events, for
/// replays. Stores without it are replayed through <see cref="IEventStore.ReadAllAsync"/>.
/// </summary>
public interface IRawLogReader
{
    /// <summary>
    /// Hands every event from <paramref name="fromPosition"/> (inclusive) to <paramref name="handler"/>
    /// in global order, on the reading thread, and returns how many it handed over.
    /// </summary>
    Task<long> ReadAllRawAsync(long fromPosition, RawEventHandler handler, CancellationToken cancellationToken = default);
}
