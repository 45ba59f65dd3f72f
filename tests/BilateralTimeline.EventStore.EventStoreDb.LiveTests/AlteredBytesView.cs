using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.EventStoreDb.LiveTests;

/// <summary>A store whose event at one position comes back with one letter of its data changed.</summary>
internal sealed class AlteredBytesView(IEventStore inner, long position) : IEventStore
{
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(stream, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, ReadDirection direction = ReadDirection.Forwards, long fromRevision = 0, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Alter(inner.ReadStreamAsync(stream, direction, fromRevision, maxCount, cancellationToken), cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long fromPosition = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        Alter(inner.ReadAllAsync(fromPosition, direction, maxCount, cancellationToken), cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long? checkpoint, CancellationToken cancellationToken = default) =>
        Alter(inner.SubscribeToAllAsync(checkpoint, cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async IAsyncEnumerable<RecordedEvent> Alter(IAsyncEnumerable<RecordedEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            if (e.GlobalPosition != position)
            {
                yield return e;
                continue;
            }
            var data = e.Data.ToArray();
            var letter = Array.FindIndex(data, b => char.IsAsciiLetter((char)b));
            data[letter] = (byte)(data[letter] is (byte)'z' or (byte)'Z' ? data[letter] - 1 : data[letter] + 1);
            yield return e with { Data = data };
        }
    }
}
