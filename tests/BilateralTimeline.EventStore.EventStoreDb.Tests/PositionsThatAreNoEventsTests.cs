using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// A real 24.6 node refuses a $all read from a position where no event begins ("Unexpected ReadAllResult:
/// InvalidPosition"), which made `bt events` (default --from 1) fail. The stand-in answers the same way;
/// the store reads such a position as "the first event after it", as the other stores do.
/// </summary>
public sealed class PositionsThatAreNoEventsTests : IAsyncLifetime
{
    private StandInEventStoreDb _node = null!;
    private EventStoreDbEventStore _store = null!;
    private long[] _positions = [];

    public async Task InitializeAsync()
    {
        _node = await StandInEventStoreDb.StartAsync();
        _store = await EventStoreDbEventStore.OpenAsync(_node.ConnectionString, TimeProvider.System, new EventStoreDbStoreOptions { ReadPageSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            await _store.AppendAsync($"dyad-s{i % 2}", ExpectedRevision.Any, [new EventData(Guid.NewGuid(), "thing-happened/v1", "{}"u8.ToArray(), new EventMetadata("test"))]);
        }
        _positions = (await _store.ReadAllAsync().ToListAsync()).Select(e => e.GlobalPosition).ToArray();
    }

    [Fact]
    public async Task Reading_all_forwards_from_a_position_between_events_starts_at_the_next_event()
    {
        // Given positions 1 and one inside the second event, neither where an event begins
        var inside = _positions[1] + 1;

        // When
        var fromOne = await _store.ReadAllAsync(1).ToListAsync();
        var fromInside = await _store.ReadAllAsync(inside).ToListAsync();

        // Then
        Assert.Equal(_positions, fromOne.Select(e => e.GlobalPosition));
        Assert.Equal(_positions[2..], fromInside.Select(e => e.GlobalPosition));
    }

    [Fact]
    public async Task Reading_all_backwards_from_a_position_between_events_starts_at_the_event_before_it()
    {
        var events = await _store.ReadAllAsync(_positions[3] - 1, ReadDirection.Backwards).ToListAsync();

        Assert.Equal(_positions[..3].Reverse(), events.Select(e => e.GlobalPosition));
    }

    [Fact]
    public async Task Subscribing_from_a_checkpoint_between_events_delivers_the_events_after_it_once()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var events = _store.SubscribeToAllAsync(_positions[2] + 1, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var delivered = new List<long>();
        while (delivered.Count < 2 && await events.MoveNextAsync())
        {
            delivered.Add(events.Current.GlobalPosition);
        }

        Assert.Equal(_positions[3..], delivered);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _node.DisposeAsync();
    }
}
