using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.EventStoreDb.LiveTests;

/// <summary>
/// A store whose events after one position are gone, as a node restored from an older backup would
/// show them: a client cannot delete the newest events of an EventStoreDB stream, so the cut is made in
/// what the store hands back: events in (lastKept, cutEnd] are hidden, those appended later are not.
/// </summary>
internal sealed class CutTailView(IEventStore inner, long lastKept, long cutEnd) : IEventStore
{
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Cut(inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken), cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Cut(inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken), cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        Cut(inner.SubscribeToAllAsync(checkpoint, cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async IAsyncEnumerable<RecordedEvent> Cut(IAsyncEnumerable<RecordedEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            if (e.GlobalPosition <= lastKept || e.GlobalPosition > cutEnd)
            {
                yield return e;
            }
        }
    }
}
