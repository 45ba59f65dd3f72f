using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    /// <summary>Long enough for a polling adapter to have looked again more than once.</summary>
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Subscribing_from_the_start_delivers_history_then_live_events_in_order_once()
    {
        // Given history in two streams
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());
        await using var subscription = new SubscriptionProbe(Store, checkpoint: null);
        var history = await subscription.TakeAsync(3);

        // When events are appended after the subscriber caught up
        await AppendAsync("claim-1", ExpectedRevision.Exact(1), TestEvents.Many(2));
        await AppendAsync("claim-3", ExpectedRevision.NoStream, TestEvents.New());
        var live = await subscription.TakeAsync(3);

        // Then
        Assert.Equal(Ids(await ReadAllForwardsAsync()), Ids(history.Concat(live)));
        await subscription.AssertNothingArrivesWithinAsync(QuietPeriod);
    }

    [Fact]
    public async Task Subscribing_from_a_checkpoint_resumes_strictly_after_it()
    {
        // Given a consumer that processed the first three events
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));
        var everything = await ReadAllForwardsAsync();
        var checkpoint = everything[2].GlobalPosition;

        // When it resubscribes from its checkpoint, and more is appended
        await using var subscription = new SubscriptionProbe(Store, checkpoint);
        var missed = await subscription.TakeAsync(2);
        var appended = TestEvents.New("live");
        await AppendAsync("claim-2", ExpectedRevision.Exact(1), appended);
        var live = await subscription.TakeAsync(1);

        // Then
        Assert.Equal(Positions(everything.Skip(3)), Positions(missed));
        Assert.Equal(appended.EventId, live[0].EventId);
        await subscription.AssertNothingArrivesWithinAsync(QuietPeriod);
    }

    [Fact]
    public async Task Subscribing_from_the_last_position_delivers_only_new_events()
    {
        // Given
        var caughtUp = await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await using var subscription = new SubscriptionProbe(Store, caughtUp.LastGlobalPosition);
        await subscription.AssertNothingArrivesWithinAsync(QuietPeriod);

        // When
        var appended = TestEvents.New("live");
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), appended);

        // Then
        Assert.Equal(appended.EventId, (await subscription.TakeAsync(1))[0].EventId);
        await subscription.AssertNothingArrivesWithinAsync(QuietPeriod);
    }

    [Fact]
    public async Task Events_appended_while_a_subscriber_catches_up_are_delivered_once_in_order()
    {
        // Given some history
        await AppendAsync("claim-0", ExpectedRevision.NoStream, TestEvents.Many(20));
        await using var subscription = new SubscriptionProbe(Store, checkpoint: null);

        // When a writer keeps appending while the subscriber reads
        const int liveAppends = 40;
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < liveAppends; i++)
            {
                await AppendAsync($"claim-{(i % 3) + 1}", ExpectedRevision.Any, TestEvents.New($"live #{i}"));
            }
        });
        var delivered = await subscription.TakeAsync(20 + liveAppends);
        await writing;

        // Then
        Assert.Equal(Positions(await ReadAllForwardsAsync()), Positions(delivered));
        await subscription.AssertNothingArrivesWithinAsync(QuietPeriod);
    }

    [Fact]
    public async Task Subscribing_to_a_long_history_delivers_every_event_once_in_order()
    {
        // Given more history than any adapter is likely to fetch in one page
        for (var batch = 0; batch < 10; batch++)
        {
            await AppendAsync($"bulk-{batch}", ExpectedRevision.NoStream, TestEvents.Many(250));
        }

        // When
        await using var subscription = new SubscriptionProbe(Store, checkpoint: null);
        var delivered = await subscription.TakeAsync(2500);

        // Then
        Assert.Equal(Positions(await ReadAllForwardsAsync()), Positions(delivered));
        var live = TestEvents.New("live");
        await AppendAsync("bulk-0", ExpectedRevision.Exact(249), live);
        Assert.Equal(live.EventId, (await subscription.TakeAsync(1))[0].EventId);
    }

    [Fact]
    public async Task Cancelling_a_subscription_ends_it()
    {
        // Given a subscriber that caught up and is waiting for live events
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await using var subscription = new SubscriptionProbe(Store, checkpoint: null);
        await subscription.TakeAsync(2);
        await subscription.AssertNothingArrivesWithinAsync(TimeSpan.FromMilliseconds(100));

        // When it is cancelled
        // Then the enumeration ends, without delivering anything more
        await subscription.CancelAndAssertEndedAsync();
    }
}
