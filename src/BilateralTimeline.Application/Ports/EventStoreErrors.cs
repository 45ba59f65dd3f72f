namespace BilateralTimeline.Application.Ports;

/// <summary>Base of every error an event-store adapter reports to callers.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stream was not at the expected revision: somebody else wrote first.</summary>
public sealed class WrongExpectedRevisionException(string stream, ExpectedRevision expected, long actual)
    : EventStoreException($"stream '{stream}' was expected at revision {expected} but is at {(actual < 0 ? "no stream" : actual.ToString(System.Globalization.CultureInfo.InvariantCulture))}; reload and try again")
{
    public string Stream { get; } = stream;

    public ExpectedRevision Expected { get; } = expected;

    /// <summary>The stream's last revision, -1 when it does not exist.</summary>
    public long Actual { get; } = actual;
}

/// <summary>An event id already in the store was sent again with different content.</summary>
public sealed class DuplicateEventIdException(Guid eventId, string stream)
    : EventStoreException($"event id {eventId} is already stored in stream '{stream}' with different content; event ids identify one event forever")
{
    public Guid EventId { get; } = eventId;
}

/// <summary>The store cannot be opened or used: wrong file, corrupted, unreachable, read-only.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>
/// The store could not serve the call for now even after waiting (e.g. a cluster without a leader). Retrying
/// later is safe: an append that did land is recognised by its event ids.
/// </summary>
public sealed class EventStoreRetryLaterException(string message, Exception? inner = null) : EventStoreException(message, inner);
