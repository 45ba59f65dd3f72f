using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>
/// The real store, except that a read of the whole log from its first event (a projection runner replaying
/// to its checkpoint as it opens) stops after a few events until <see cref="Release"/>: a replay of a
/// million events, held still long enough to look at.
/// </summary>
internal sealed class HeldReplayStore(IEventStore inner) : IEventStore
{
    private const int HeldAfter = 10;

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a replay is held.</summary>
    public Task Reached => _reached.Task;

    public void Release() => _released.TrySetResult();

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var replay = fromPosition <= 1 && direction == ReadDirection.Forwards && maxCount == long.MaxValue;
        var read = 0;
        await foreach (var e in inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken))
        {
            if (replay && ++read == HeldAfter)
            {
                _reached.TrySetResult();
                await _released.Task.WaitAsync(cancellationToken);
            }
            yield return e;
        }
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
