using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>
/// Checks, event by event, that a history being imported is the one its hashes vouch for: positions
/// strictly increase, recorded times never go back, each hash links to its predecessor. A tampered
/// source is refused instead of being laundered into a store that would then carry it as its own.
/// </summary>
public sealed class HistoryLinkCheck
{
    private ReadOnlyMemory<byte> _previousHash = HashChain.Genesis;
    private long _lastPosition;
    private DateTimeOffset _lastRecorded = DateTimeOffset.MinValue;
    private EventMetadata? _lastMetadata;
    private byte[] _lastMetadataBytes = [];

    /// <summary>Checks <paramref name="e"/> against its predecessor and returns its canonical metadata bytes, which the importer stores.</summary>
    public byte[] Check(RecordedEvent e)
    {
        if (e.GlobalPosition <= _lastPosition)
        {
            throw new CorruptEventException(e.GlobalPosition, $"positions must increase, but it follows {_lastPosition}");
        }
        if (e.Recorded < _lastRecorded)
        {
            throw new CorruptEventException(e.GlobalPosition, "its recorded time goes backwards");
        }
        // Readers hand out one metadata object for a run of events that share it: serialise it once.
        if (!ReferenceEquals(e.Metadata, _lastMetadata))
        {
            _lastMetadataBytes = MetadataJson.Serialize(e.Metadata);
            _lastMetadata = e.Metadata;
        }
        var expected = HashChain.Link(_previousHash.Span, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Data.Span, _lastMetadataBytes);
        if (!expected.AsSpan().SequenceEqual(e.Hash.Span))
        {
            throw new CorruptEventException(e.GlobalPosition, "its hash does not match its content and its predecessor's hash; verify the source's hash chain");
        }
        _previousHash = e.Hash;
        _lastPosition = e.GlobalPosition;
        _lastRecorded = e.Recorded;
        return _lastMetadataBytes;
    }
}
