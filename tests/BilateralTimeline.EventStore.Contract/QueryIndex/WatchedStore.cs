using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.QueryIndex;

/// <summary>
/// A store seen through a window: counts the events its stream reads hand out, and can hand out the
/// next ranged read of a stream with other hashes, as if the stream had been rewritten between two reads.
/// </summary>
internal sealed class WatchedStore(IEventStore inner) : IEventStore
{
    public long StreamEventsRead { get; private set; }

    /// <summary>Set to make the next read of more than one event from a revision above 0 look rewritten.</summary>
    public bool RewriteNextRangedRead { get; set; }

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rewritten = RewriteNextRangedRead && maxCount is > 1 and < long.MaxValue;
        if (rewritten)
        {
            RewriteNextRangedRead = false;
        }
        await foreach (var e in inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken))
        {
            StreamEventsRead++;
            yield return rewritten ? e with { Hash = e.Hash.ToArray().Select(b => (byte)~b).ToArray() } : e;
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        inner.SubscribeToAllAsync(checkpoint, cancellationToken);

    /// <summary>The suite closes the real store itself.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
