using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.QueryIndex;

/// <summary>
/// Whatever store the suite has open now: an index outlives the closing and reopening of the store
/// around a change made behind its back, as a server outlives a restore of its database.
/// </summary>
internal sealed class CurrentStore(Func<IEventStore> current) : IEventStore
{
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        current().AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        current().ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        current().ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        current().SubscribeToAllAsync(checkpoint, cancellationToken);

    /// <summary>The suite closes the real store itself.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
