using System.Threading.Channels;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Shared;

/// <summary>
/// The queue behind group commit, shared by the adapters: appends that arrive while a commit is being
/// made wait, and are then handed to the adapter's commit together, so that they share one transaction
/// and one flush to disk. The adapter completes each <see cref="PendingAppend"/> once its commit is durable.
/// </summary>
public sealed class AppendQueue : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<PendingAppend>, Task> _commit;
    private readonly int _maxAppends;
    private readonly int _maxEvents;
    private readonly string _storeName;
    private readonly Task _loop;

    /// <param name="commit">Commits one group; it must complete every append of the group, and never throw.</param>
    /// <param name="maxAppends">The most appends one commit takes.</param>
    /// <param name="maxEvents">The most events one commit takes (one append may exceed it alone).</param>
    /// <param name="storeName">For the error given to appends made after the store was closed.</param>
    public AppendQueue(Func<IReadOnlyList<PendingAppend>, Task> commit, int maxAppends, int maxEvents, string storeName)
    {
        _commit = commit;
        _maxAppends = maxAppends;
        _maxEvents = maxEvents;
        _storeName = storeName;
        _loop = Task.Run(RunAsync);
    }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        var pending = new PendingAppend(stream, expected, events, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(_storeName, "the store is closed");
        }
        return pending.Completion.Task;
    }

    private async Task RunAsync()
    {
        var group = new List<PendingAppend>(_maxAppends);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var events = 0;
            while (group.Count < _maxAppends && events < _maxEvents && _queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
                events += pending.Events.Count;
            }
            await _commit(group).ConfigureAwait(false);
        }
    }

    /// <summary>Appends already queued are committed (and acknowledged) before this returns.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

/// <summary>One append waiting for its group's commit.</summary>
public sealed record PendingAppend(string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events, CancellationToken Cancellation)
{
    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
