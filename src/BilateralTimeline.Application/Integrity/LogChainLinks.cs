using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Integrity;

/// <summary>
/// Links for a log-wide chain (<see cref="HashChainScope.Log"/>): each event carries SHA-256(the previous
/// event's hash ‖ its own canonical bytes) and is not recorded before it; where the store promises gap-free
/// positions, none may be missing. The digest is the last hash, which commits to every event before it.
/// </summary>
internal sealed class LogChainLinks(bool expectGapFreePositions) : IChainLinks
{
    private ReadOnlyMemory<byte> _previous = HashChain.Genesis;
    private DateTimeOffset _lastRecorded = DateTimeOffset.MinValue;

    public (long Position, string Problem)? Take(RecordedEvent e, long lastPosition)
    {
        if (expectGapFreePositions && e.GlobalPosition != lastPosition + 1)
        {
            return (lastPosition + 1, $"position {lastPosition + 1} is missing: the next stored event is at {e.GlobalPosition}");
        }
        if (e.Recorded < _lastRecorded)
        {
            return (e.GlobalPosition, "recorded time goes backwards");
        }
        var expected = HashChain.Expected(_previous.Span, e);
        if (!expected.AsSpan().SequenceEqual(e.Hash.Span))
        {
            return (e.GlobalPosition, "stored hash does not match the event's content and its predecessor's hash");
        }
        _previous = e.Hash;
        _lastRecorded = e.Recorded;
        return null;
    }

    public byte[] Digest() => _previous.ToArray();
}
