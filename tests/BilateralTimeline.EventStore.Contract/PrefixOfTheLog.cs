using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// A real store seen as it was when its log ended at <paramref name="head"/>: what an indexer that
/// caught up at that moment read. Lets a test replay "catch up, then more was appended" at any point.
/// </summary>
internal sealed class PrefixOfTheLog(IEventStore store, long head) : IEventStore
{
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("a prefix of the log is read-only");

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in store.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
        {
            if (e.GlobalPosition <= head)
            {
                yield return e;
            }
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in store.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken))
        {
            if (e.GlobalPosition <= head)
            {
                yield return e;
            }
        }
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("a prefix of the log has no live end");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
