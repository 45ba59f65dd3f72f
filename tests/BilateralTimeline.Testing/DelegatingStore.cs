using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Testing;

/// <summary>
/// A test's store in front of a real one: everything passes through unless the test's store says otherwise (it counts,
/// holds or races its reads or appends); disposing it leaves the real store open, which its owner closes.
/// </summary>
public abstract class DelegatingStore(IEventStore inner) : IEventStore
{
    protected IEventStore Inner => inner;

    public virtual Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
