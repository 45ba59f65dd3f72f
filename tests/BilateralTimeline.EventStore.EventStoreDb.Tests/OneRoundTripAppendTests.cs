using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// An append used to read the stream's newest events before every write (two round trips, 0.51× the
/// official client's rate on a real node). Where the store already knows the tail, or there is none,
/// it now sends the append at once with the exact revision and leaves the rest to the server.
/// </summary>
public sealed class OneRoundTripAppendTests : IAsyncLifetime
{
    private StandInEventStoreDb _node = null!;
    private EventStoreDbEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _node = await StandInEventStoreDb.StartAsync();
        _store = await EventStoreDbEventStore.OpenAsync(_node.ConnectionString, TimeProvider.System);
    }

    [Fact]
    public async Task Appending_with_no_stream_to_a_stream_never_seen_is_one_call()
    {
        // When
        var result = await _store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);

        // Then
        Assert.Equal((0L, false), (result.LastStreamRevision, result.AlreadyRecorded));
        Assert.Equal((1, 0), (_node.CallsTo("Append"), _node.CallsTo("Read")));
    }

    [Fact]
    public async Task Loading_a_stream_then_appending_at_its_revision_reads_it_once()
    {
        // Given a stream with history, loaded the way every bt command loads it
        await _store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent(), NewEvent()]);
        var loaded = await _store.ReadStreamAsync("dyad-ab").ToListAsync();
        var readsBefore = _node.CallsTo("Read");

        // When
        var result = await _store.AppendAsync("dyad-ab", ExpectedRevision.Exact(loaded[^1].StreamRevision), [NewEvent()]);

        // Then no second read, and the chain still verifies over the whole stream
        Assert.Equal(2L, result.LastStreamRevision);
        Assert.Equal(readsBefore, _node.CallsTo("Read"));
        var stream = await _store.ReadStreamAsync("dyad-ab").ToListAsync();
        var link = HashChain.Genesis;
        foreach (var e in stream)
        {
            link = HashChain.Link(link.Span, "dyad-ab", e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Data.Span, MetadataJson.Serialize(e.Metadata));
            Assert.Equal(Convert.ToHexString(link.Span), Convert.ToHexString(e.Hash.Span));
        }
    }

    [Fact]
    public async Task A_known_tail_that_another_writer_moved_on_is_refused_by_the_server_and_reported_as_a_conflict()
    {
        // Given this store loaded the stream, then another process appended to it
        await _store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        _ = await _store.ReadStreamAsync("dyad-ab").ToListAsync();
        await using (var other = await EventStoreDbEventStore.OpenAsync(_node.ConnectionString, TimeProvider.System))
        {
            await other.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent()]);
        }

        // When this store appends at the revision it loaded
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => _store.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent()]));

        // Then
        Assert.Equal(1L, error.Actual);
        Assert.Equal(2, (await _store.ReadStreamAsync("dyad-ab").ToListAsync()).Count);
    }

    [Fact]
    public async Task Resending_an_append_after_loading_the_stream_is_recognised_as_already_recorded()
    {
        // Given an append that landed, and the stream loaded again afterwards
        var events = new[] { NewEvent(), NewEvent() };
        var original = await _store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, events);
        _ = await _store.ReadStreamAsync("dyad-ab").ToListAsync();

        // When the same append is sent again with any revision
        var replay = await _store.AppendAsync("dyad-ab", ExpectedRevision.Any, events);

        // Then the known tail showed it, without writing it again
        Assert.True(replay.AlreadyRecorded);
        Assert.Equal(original.LastGlobalPosition, replay.LastGlobalPosition);
        Assert.Equal(2, _node.EventCount);
    }

    private static EventData NewEvent() => new(Guid.NewGuid(), "thing-happened/v1", "{\"n\":1}"u8.ToArray(), new EventMetadata("test"));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _node.DisposeAsync();
    }
}
