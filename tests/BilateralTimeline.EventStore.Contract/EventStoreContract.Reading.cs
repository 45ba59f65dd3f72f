using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Reading_a_stream_forwards_from_a_revision_starts_there()
    {
        // Given
        var events = await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var read = await Store.ReadStreamAsync("claim-1", ReadDirection.Forwards, fromRevision: 2).ToListAsync();

        // Then
        Assert.Equal([2L, 3L, 4L], Revisions(read));
        Assert.Equal(Ids(events.Skip(2)), Ids(read));
    }

    [Fact]
    public async Task Reading_a_stream_backwards_from_the_end_yields_newest_first()
    {
        // Given
        var events = await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var read = await Store.ReadStreamAsync("claim-1", ReadDirection.Backwards, fromRevision: long.MaxValue).ToListAsync();

        // Then
        Assert.Equal([4L, 3L, 2L, 1L, 0L], Revisions(read));
        Assert.Equal(Ids(events.AsEnumerable().Reverse()), Ids(read));
    }

    [Fact]
    public async Task Reading_a_stream_backwards_from_a_revision_starts_there()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var read = await Store.ReadStreamAsync("claim-1", ReadDirection.Backwards, fromRevision: 2).ToListAsync();

        // Then
        Assert.Equal([2L, 1L, 0L], Revisions(read));
    }

    [Fact]
    public async Task Reading_a_stream_stops_after_maxCount_events()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var forwards = await Store.ReadStreamAsync("claim-1", ReadDirection.Forwards, fromRevision: 1, maxCount: 2).ToListAsync();
        var backwards = await Store.ReadStreamAsync("claim-1", ReadDirection.Backwards, fromRevision: long.MaxValue, maxCount: 2).ToListAsync();

        // Then
        Assert.Equal([1L, 2L], Revisions(forwards));
        Assert.Equal([4L, 3L], Revisions(backwards));
    }

    [Fact]
    public async Task Reading_a_missing_stream_yields_nothing()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var forwards = await Store.ReadStreamAsync("claim-404").ToListAsync();
        var backwards = await Store.ReadStreamAsync("claim-404", ReadDirection.Backwards, long.MaxValue).ToListAsync();

        // Then
        Assert.Empty(forwards);
        Assert.Empty(backwards);
    }

    [Fact]
    public async Task Reading_a_stream_yields_only_its_own_events()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();

        // When
        var read = await ReadStreamForwardsAsync("claim-2");

        // Then
        Assert.Equal(2, read.Count);
        Assert.All(read, e => Assert.Equal("claim-2", e.Stream));
    }

    [Fact]
    public async Task Reading_all_forwards_from_a_position_starts_there()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();
        var everything = await ReadAllForwardsAsync();

        // When
        var read = await Store.ReadAllAsync(fromPosition: everything[3].GlobalPosition).ToListAsync();
        var page = await Store.ReadAllAsync(fromPosition: everything[3].GlobalPosition, maxCount: 2).ToListAsync();

        // Then
        Assert.Equal(Positions(everything.Skip(3)), Positions(read));
        Assert.Equal(Positions(everything.Skip(3).Take(2)), Positions(page));
    }

    [Fact]
    public async Task Reading_all_backwards_from_the_end_yields_newest_first()
    {
        // Given
        await GivenStreamOfFiveInterleavedWithAnotherAsync();
        var everything = await ReadAllForwardsAsync();

        // When
        var read = await Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards).ToListAsync();
        var page = await Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, maxCount: 3).ToListAsync();

        // Then
        Assert.Equal(7, everything.Count);
        Assert.Equal(Positions(everything.AsEnumerable().Reverse()), Positions(read));
        Assert.Equal(Positions(everything.AsEnumerable().Reverse().Take(3)), Positions(page));
    }

    [Fact]
    public async Task Reading_an_empty_store_yields_nothing()
    {
        // Given an empty store
        // When
        var forwards = await ReadAllForwardsAsync();
        var backwards = await Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards).ToListAsync();

        // Then
        Assert.Empty(forwards);
        Assert.Empty(backwards);
    }

    /// <summary>claim-1 gets revisions 0..4, claim-2 two events in between; returns claim-1's events.</summary>
    private async Task<EventData[]> GivenStreamOfFiveInterleavedWithAnotherAsync()
    {
        var events = TestEvents.Many(5, "claim-1");
        await AppendAsync("claim-1", ExpectedRevision.NoStream, events[0], events[1]);
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New("claim-2 #0"));
        await AppendAsync("claim-1", ExpectedRevision.Exact(1), events[2]);
        await AppendAsync("claim-2", ExpectedRevision.Exact(0), TestEvents.New("claim-2 #1"));
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), events[3], events[4]);
        return events;
    }
}
