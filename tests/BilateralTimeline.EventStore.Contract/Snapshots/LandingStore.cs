using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>
/// A store on which a test lands a write at one exact moment of a query: just before the first one-event forward read
/// from a given revision (a view asking whether anything follows what it holds), as another writer's append lands
/// between a server's look at the head and its next read.
/// </summary>
internal sealed class LandingStore(IEventStore inner) : DelegatingStore(inner)
{
    private Func<Task>? _write;
    private long _revision = -1;
    private int _landed;

    /// <summary>Whether the write has landed.</summary>
    public bool Landed => Volatile.Read(ref _landed) == 1;

    /// <summary>Lands <paramref name="write"/> before the first one-event forward read from <paramref name="revision"/>.</summary>
    public void LandBefore(long revision, Func<Task> write)
    {
        _revision = revision;
        Volatile.Write(ref _write, write);
    }

    public override async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (direction == ReadDirection.Forwards && maxCount == 1 && fromRevision == _revision && Interlocked.Exchange(ref _write, null) is { } write)
        {
            await write();
            Volatile.Write(ref _landed, 1);
        }
        await foreach (var recorded in Inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
        {
            yield return recorded;
        }
    }
}
