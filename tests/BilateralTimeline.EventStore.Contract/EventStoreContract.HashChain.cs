using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task The_hash_chain_verifies_after_appends()
    {
        // Given appends to several streams, with the clock moving and even going back
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());
        Clock.Advance(TimeSpan.FromSeconds(-30));
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.Many(2));

        // When
        var verification = await VerifyChainAsync();

        // Then
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(6, verification.EventsChecked);
        Assert.Equal((await ReadAllForwardsAsync())[^1].GlobalPosition, verification.LastPosition);
    }

    [Fact]
    public async Task Tampering_with_a_stored_event_breaks_the_chain_at_that_event()
    {
        // Given five events in two streams
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-1", ExpectedRevision.Exact(1), TestEvents.New());
        var everything = await ReadAllForwardsAsync();
        var victim = everything[2];

        // When one byte of the third event's data is changed behind the store's back
        await CloseStoreAsync();
        await TamperWithStoredEventAsync(victim.GlobalPosition);
        await ReopenStoreAsync();

        // Then
        var tampered = (await Store.ReadAllAsync(victim.GlobalPosition, maxCount: 1).ToListAsync())[0];
        Assert.NotEqual(victim.Data.ToArray(), tampered.Data.ToArray());
        var verification = await VerifyChainAsync();
        Assert.False(verification.IsIntact, "the chain still verifies after tampering");
        Assert.Equal(victim.GlobalPosition, verification.FirstBrokenPosition);
        Assert.Equal(2, verification.EventsChecked);
        Assert.Equal(everything[1].GlobalPosition, verification.LastPosition);
    }

    [Fact]
    public async Task A_store_closed_and_reopened_keeps_every_event_and_carries_on()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());
        var before = await ReadAllForwardsAsync();

        // When the store is reopened, and the clock has gone back meanwhile
        await ReopenStoreAsync();
        Clock.Advance(TimeSpan.FromHours(-2));
        var next = await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.New());

        // Then
        var after = await ReadAllForwardsAsync();
        Assert.Equal(Ids(before), Ids(after.Take(before.Count)));
        Assert.Equal(before.Select(e => Convert.ToHexString(e.Hash.Span)), after.Take(before.Count).Select(e => Convert.ToHexString(e.Hash.Span)));
        Assert.Equal(3, next.LastStreamRevision);
        Assert.True(after[^1].Recorded >= before[^1].Recorded, "recorded time went backwards across the reopen");
        if (PositionsAreGapFree)
        {
            Assert.Equal(before[^1].GlobalPosition + 1, next.LastGlobalPosition);
        }
        var verification = await VerifyChainAsync();
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(5, verification.EventsChecked);
    }

    [Fact]
    public async Task Disposing_the_store_twice_is_harmless()
    {
        // Given
        var store = Store;
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());

        // When
        await CloseStoreAsync();
        var second = await OutcomeOf(store.DisposeAsync().AsTask());

        // Then
        Assert.Null(second);
        await ReopenStoreAsync();
        Assert.Single(await ReadAllForwardsAsync());
    }
}
