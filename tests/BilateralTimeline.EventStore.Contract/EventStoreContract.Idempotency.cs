using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Resending_an_append_with_the_same_expected_revision_returns_the_original_positions_and_writes_nothing()
    {
        // Given
        await AppendAsync("claim-0", ExpectedRevision.NoStream, TestEvents.New());
        var events = TestEvents.Many(3);
        var original = await AppendAsync("claim-1", ExpectedRevision.NoStream, events);

        // When the writer retries, e.g. after a timeout that hid the acknowledgement
        var replay = await AppendAsync("claim-1", ExpectedRevision.NoStream, events);

        // Then
        Assert.True(replay.AlreadyRecorded);
        Assert.Equal(original.LastStreamRevision, replay.LastStreamRevision);
        Assert.Equal(original.LastGlobalPosition, replay.LastGlobalPosition);
        Assert.Equal(Ids(events), Ids(await ReadStreamForwardsAsync("claim-1")));
        Assert.Equal(4, (await ReadAllForwardsAsync()).Count);
    }

    [Fact]
    public async Task Resending_an_append_with_Any_is_idempotent()
    {
        // Given
        var events = TestEvents.Many(2);
        var original = await AppendAsync("claim-1", ExpectedRevision.Any, events);

        // When
        var replay = await AppendAsync("claim-1", ExpectedRevision.Any, events);

        // Then
        Assert.True(replay.AlreadyRecorded);
        Assert.Equal(original.LastGlobalPosition, replay.LastGlobalPosition);
        Assert.Equal(original.LastStreamRevision, replay.LastStreamRevision);
        Assert.Equal(2, (await ReadAllForwardsAsync()).Count);
    }

    [Fact]
    public async Task Resending_an_earlier_append_after_the_stream_moved_on_returns_its_original_positions()
    {
        // Given an append at revision 1, after which the stream moved on
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());
        var events = TestEvents.Many(2);
        var original = await AppendAsync("claim-1", ExpectedRevision.Exact(0), events);
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.New());

        // When the writer of the middle append retries it
        var replay = await AppendAsync("claim-1", ExpectedRevision.Exact(0), events);

        // Then
        Assert.True(replay.AlreadyRecorded);
        Assert.Equal(original.LastStreamRevision, replay.LastStreamRevision);
        Assert.Equal(original.LastGlobalPosition, replay.LastGlobalPosition);
        Assert.Equal(4, (await ReadStreamForwardsAsync("claim-1")).Count);
    }

    [Fact]
    public async Task Resending_an_event_id_with_different_data_is_rejected_as_a_duplicate()
    {
        // Given
        var original = TestEvents.New();
        await AppendAsync("claim-1", ExpectedRevision.NoStream, original);

        // When
        var impostor = TestEvents.WithOtherData(original);
        var error = await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => AppendAsync("claim-1", ExpectedRevision.NoStream, impostor));

        // Then
        Assert.Equal(original.EventId, error.EventId);
        var stored = Assert.Single(await ReadAllForwardsAsync());
        Assert.Equal(original.Data.ToArray(), stored.Data.ToArray());
    }

    [Fact]
    public async Task Resending_an_event_id_to_another_stream_is_rejected_as_a_duplicate_where_ids_are_unique_across_streams()
    {
        // Given
        var original = TestEvents.New();
        await AppendAsync("claim-1", ExpectedRevision.NoStream, original);

        // When
        var outcome = await OutcomeOf(AppendAsync("claim-2", ExpectedRevision.Any, original));

        // Then
        if (EventIdsAreUniqueAcrossStreams)
        {
            var error = Assert.IsType<DuplicateEventIdException>(outcome);
            Assert.Equal(original.EventId, error.EventId);
            Assert.Empty(await ReadStreamForwardsAsync("claim-2"));
            Assert.Single(await ReadAllForwardsAsync());
        }
        else
        {
            // The adapter's documented limit: the id is not looked up in other streams, so both hold it.
            Assert.Null(outcome);
            Assert.Equal([original.EventId], Ids(await ReadStreamForwardsAsync("claim-2")));
            Assert.Equal(2, (await ReadAllForwardsAsync()).Count);
        }
    }
}
