using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>A store that counts the events its stream reads hand out: how a test sees that a query read only a tail.</summary>
internal sealed class CountingStore(IEventStore inner) : IEventStore
{
    public int StreamEventsRead { get; private set; }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var recorded in inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
        {
            StreamEventsRead++;
            yield return recorded;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    /// <summary>The suite closes the real store itself.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
