using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>A real store that counts what is asked of its log and what it hands out.</summary>
internal sealed class CountingStore(IEventStore inner) : IEventStore
{
    /// <summary>The largest maxCount of any read of the whole log: what a SQL LIMIT would be.</summary>
    public long LargestAllRead { get; private set; }

    public int EventsRead { get; private set; }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Count(inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken), cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
    {
        LargestAllRead = Math.Max(LargestAllRead, maxCount);
        return Count(inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken), cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    // The inner store belongs to the test's ledger, which disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async IAsyncEnumerable<RecordedEvent> Count(IAsyncEnumerable<RecordedEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            EventsRead++;
            yield return e;
        }
    }
}
