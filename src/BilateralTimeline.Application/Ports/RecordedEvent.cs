using BilateralTimeline.Application.Integrity;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// An event as the store holds it. <see cref="Recorded"/> is transaction time stamped by the store
/// (never by the caller) and never decreases along global positions. <see cref="Hash"/> links the
/// event to its predecessor (see <see cref="HashChain"/>).
/// </summary>
public sealed record RecordedEvent(
    string Stream,
    long StreamRevision,
    long GlobalPosition,
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Data,
    EventMetadata Metadata,
    DateTimeOffset Recorded,
    ReadOnlyMemory<byte> Hash);

/// <summary>
/// Where an append landed. For an idempotent replay of an earlier append, these are the original
/// positions and <see cref="AlreadyRecorded"/> is true.
/// </summary>
public sealed record AppendResult(long LastStreamRevision, long LastGlobalPosition, bool AlreadyRecorded)
{
    /// <summary>The expected revision to send with the next append to the same stream.</summary>
    public ExpectedRevision NextExpectedRevision => ExpectedRevision.Exact(LastStreamRevision);
}

public enum ReadDirection { Forwards, Backwards }
