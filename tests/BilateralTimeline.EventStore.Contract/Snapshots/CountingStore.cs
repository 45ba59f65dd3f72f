using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>
/// A store that counts the events its stream reads hand out (from any thread): how a test sees that a query read only a
/// tail. With <paramref name="pauseWholeReads"/>, a read of a stream from its first event waits that long before its first
/// event, so that questions asked at once are all under way before any fold of the whole stream ends.
/// </summary>
internal sealed class CountingStore(IEventStore inner, TimeSpan pauseWholeReads = default) : IEventStore
{
    private int _streamEventsRead;
    private int _wholeReads;
    private int _wholeReadsNow;
    private int _mostWholeReadsAtOnce;

    public int StreamEventsRead => Volatile.Read(ref _streamEventsRead);

    /// <summary>Forward reads of a stream from its first event (a fold of all of it).</summary>
    public int WholeReads => Volatile.Read(ref _wholeReads);

    /// <summary>The most reads of a whole stream that were under way at one time.</summary>
    public int MostWholeReadsAtOnce => Volatile.Read(ref _mostWholeReadsAtOnce);

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var whole = direction == ReadDirection.Forwards && fromRevision == 0 && maxCount > 1;
        if (whole)
        {
            Interlocked.Increment(ref _wholeReads);
            var now = Interlocked.Increment(ref _wholeReadsNow);
            for (var most = Volatile.Read(ref _mostWholeReadsAtOnce); now > most && Interlocked.CompareExchange(ref _mostWholeReadsAtOnce, now, most) != most; most = Volatile.Read(ref _mostWholeReadsAtOnce))
            {
            }
        }
        try
        {
            if (whole)
            {
                await Task.Delay(pauseWholeReads, cancellationToken);
            }
            await foreach (var recorded in inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
            {
                Interlocked.Increment(ref _streamEventsRead);
                yield return recorded;
            }
        }
        finally
        {
            if (whole)
            {
                Interlocked.Decrement(ref _wholeReadsNow);
            }
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    /// <summary>The suite closes the real store itself.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
