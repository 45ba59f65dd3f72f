namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The append-only log every adapter (SQLite, PostgreSQL, EventStoreDB) implements and the contract
/// suite proves. Streams are named "category-id"; revisions are 0-based per stream; global positions
/// are 64-bit, strictly increasing in commit order and never skip a committed event (the embedded and
/// PostgreSQL adapters also number them without gaps, starting at 1). Nothing is ever updated or deleted.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    /// <summary>
    /// Appends atomically: all events or none. The store stamps the recorded time and the hash.
    /// Re-sending events whose ids are already stored with identical content returns the original
    /// result (<see cref="AppendResult.AlreadyRecorded"/>) and writes nothing.
    /// </summary>
    /// <exception cref="WrongExpectedRevisionException">The stream is not where the caller expected.</exception>
    /// <exception cref="DuplicateEventIdException">An id is stored already with different content.</exception>
    Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads one stream starting at <paramref name="fromRevision"/> (inclusive) in the given direction;
    /// <c>long.MaxValue</c> with <see cref="ReadDirection.Backwards"/> starts at the end. A missing stream yields nothing.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads the whole log by global position from <paramref name="fromPosition"/> (inclusive), streaming;
    /// backwards from <c>long.MaxValue</c> starts at the newest event.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>
    /// A catch-up subscription to the whole log: every event after <paramref name="checkpoint"/>
    /// (null = from the beginning) in global order, through history and then live, until cancelled.
    /// A consumer that stores the last position it processed and resumes from it sees each event once.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default);
}
