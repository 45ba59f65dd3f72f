using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.Contract.QueryIndex;

/// <summary>
/// A store that, once <see cref="Hold"/> is called, keeps the next ranged read of a stream (more than one
/// event, not to the end: what a view re-reads from a checkpoint) waiting until <see cref="Let"/>, as a slow
/// disk would: what else the index answers meanwhile shows whether one question blocks the others.
/// </summary>
internal sealed class HeldStore(IEventStore inner) : DelegatingStore(inner)
{
    private TaskCompletionSource? _held;
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _let = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a held read has started and waits.</summary>
    public Task Reached => _reached.Task;

    public void Hold() => _held = _let;

    public void Let() => _let.TrySetResult();

    public override async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxCount is > 1 and < long.MaxValue && Interlocked.Exchange(ref _held, null) is { } held)
        {
            _reached.TrySetResult();
            await held.Task.WaitAsync(cancellationToken);
        }
        await foreach (var e in Inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
        {
            yield return e;
        }
    }
}
