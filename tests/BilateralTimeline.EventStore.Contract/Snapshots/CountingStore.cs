using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>
/// A store that counts the events its stream reads hand out (from any thread): how a test sees that a query read only a
/// tail. With <paramref name="pauseWholeReads"/>, a read of a stream from its first event waits that long before its first
/// event, so that questions asked at once are all under way before any fold of the whole stream ends; with
/// <paramref name="pauseTailReads"/>, so does a read from a later event to the stream's end (a tail's fold).
/// </summary>
internal sealed class CountingStore(IEventStore inner, TimeSpan pauseWholeReads = default, TimeSpan pauseTailReads = default) : DelegatingStore(inner)
{
    private int _streamEventsRead;
    private int _tailReads;
    private int _wholeReads;
    private int _wholeReadsNow;
    private int _mostWholeReadsAtOnce;

    public int StreamEventsRead => Volatile.Read(ref _streamEventsRead);

    /// <summary>Forward reads of a stream from its first event (a fold of all of it).</summary>
    public int WholeReads => Volatile.Read(ref _wholeReads);

    /// <summary>Forward reads of a stream from a later event on to its end (a fold of a tail).</summary>
    public int TailReads => Volatile.Read(ref _tailReads);

    /// <summary>The most reads of a whole stream that were under way at one time.</summary>
    public int MostWholeReadsAtOnce => Volatile.Read(ref _mostWholeReadsAtOnce);

    public override async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
        var tail = direction == ReadDirection.Forwards && fromRevision > 0 && maxCount == long.MaxValue;
        if (tail)
        {
            Interlocked.Increment(ref _tailReads);
        }
        try
        {
            if (whole)
            {
                await Task.Delay(pauseWholeReads, cancellationToken);
            }
            if (tail)
            {
                await Task.Delay(pauseTailReads, cancellationToken);
            }
            await foreach (var recorded in Inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
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
}
