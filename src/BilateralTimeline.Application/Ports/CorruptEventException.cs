namespace BilateralTimeline.Application.Ports;

/// <summary>A stored event could not even be decoded: its bytes were changed outside the store.</summary>
public sealed class CorruptEventException(long globalPosition, string reason, Exception? inner = null)
    : EventStoreException($"the event at global position {globalPosition} cannot be decoded ({reason}); verify the log's hash chain", inner)
{
    public long GlobalPosition { get; } = globalPosition;
}
