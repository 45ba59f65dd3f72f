using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// A real store whose appends are each preceded by <paramref name="rival"/> (given the append's
/// number, from 1): another writer landing between this writer's read and its append, on demand.
/// </summary>
internal sealed class RacingStore(IEventStore inner, Func<int, Task> rival) : IEventStore
{
    public int Appends { get; private set; }

    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default)
    {
        Appends++;
        await rival(Appends);
        return await inner.AppendAsync(stream, expected, events, cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    // The inner store belongs to the test's ledger, which disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
