using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// The whole contract suite through the real store, client and HTTP/2 against the in-memory stand-in
/// node, so the store's own logic (tail checks, retries, chaining, paging, subscriptions) runs in CI.
/// What only the real server can show is left to the live contract project.
/// </summary>
public sealed class StandInContractTests : EventStoreContract
{
    private StandInEventStoreDb? _node;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Small pages, so reads and subscriptions cross page boundaries in the suite's tests.</summary>
    private static readonly EventStoreDbStoreOptions Options = new() { Categories = [], ReadPageSize = 7 };

    protected override StoreCapabilities Capabilities => EventStoreDbEventStore.Capabilities;

    protected override bool EventIdsAreUniqueAcrossStreams => false;

    protected override bool RecordsHead => false;

    private StandInEventStoreDb Node => _node ?? throw new InvalidOperationException("the stand-in node is not running");

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        _node = await StandInEventStoreDb.StartAsync();
        return await EventStoreDbEventStore.OpenAsync(Node.ConnectionString, clock, Options);
    }

    protected override async Task<IEventStore> ReopenAsync() => await EventStoreDbEventStore.OpenAsync(Node.ConnectionString, _clock, Options);

    protected override Task TamperWithStoredEventAsync(long globalPosition)
    {
        Node.Tamper((ulong)globalPosition);
        return Task.CompletedTask;
    }

    /// <summary>EventStoreDB keeps no head record of ours, so there is none to move.</summary>
    protected override Task CutTailAsync(long lastKept, bool moveHead)
    {
        Node.CutTail((ulong)lastKept);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}

public sealed class IsolatedRunTests
{
    [Fact]
    public async Task A_benchmark_run_in_a_shared_database_sees_only_its_own_streams()
    {
        // Given a database that already holds the timeline's streams
        await using var node = await StandInEventStoreDb.StartAsync();
        await using (var production = await EventStoreDbEventStore.OpenAsync(node.ConnectionString, TimeProvider.System))
        {
            await production.AppendAsync("dyad-azeir", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "claim-recorded/v1", "{}"u8.ToArray(), new EventMetadata("someone"))]);
        }

        // When a run opens with isolated options and writes the same stream name
        var options = EventStoreDbStoreOptions.ForIsolatedRun("bench");
        await using var run = await EventStoreDbEventStore.OpenAsync(node.ConnectionString, TimeProvider.System, options);
        var first = await run.AppendAsync("dyad-azeir", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "claim-recorded/v1", "{}"u8.ToArray(), new EventMetadata("bench"))]);

        // Then it starts its own stream and reads only its own events
        Assert.Equal(0, first.LastStreamRevision);
        var all = await run.ReadAllAsync().ToListAsync();
        Assert.Equal("bench", Assert.Single(all).Metadata.RecordedBy);
        Assert.Equal("dyad-azeir", all[0].Stream);
        Assert.StartsWith("bench", options.Namespace, StringComparison.Ordinal);
    }
}

public sealed class LogDigestTests
{
    [Fact]
    public async Task The_log_digest_is_repeatable_and_moves_when_the_log_grows()
    {
        // Given
        await using var node = await StandInEventStoreDb.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString, TimeProvider.System, new EventStoreDbStoreOptions { Categories = [] });
        await store.AppendAsync("dyad-azeir", ExpectedRevision.NoStream, [Event(), Event()]);
        await store.AppendAsync("dyad-amir", ExpectedRevision.NoStream, [Event()]);

        // When
        var first = await ChainVerifier.VerifyAsync(store, EventStoreDbEventStore.Capabilities);
        var again = await ChainVerifier.VerifyAsync(store, EventStoreDbEventStore.Capabilities);
        await store.AppendAsync("dyad-azeir", ExpectedRevision.Exact(1), [Event()]);
        var grown = await ChainVerifier.VerifyAsync(store, EventStoreDbEventStore.Capabilities);

        // Then
        Assert.True(first.IsIntact, first.Problem);
        Assert.Equal(3, first.EventsChecked);
        Assert.Matches("^[0-9a-f]{64}$", first.Digest);
        Assert.Equal(first.Digest, again.Digest);
        Assert.NotEqual(first.Digest, grown.Digest);
    }

    [Fact]
    public async Task An_event_some_other_client_wrote_into_our_streams_is_reported_as_not_chained()
    {
        // Given a bt event, then one written straight through the protocol without bt's fields
        await using var node = await StandInEventStoreDb.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(node.ConnectionString, TimeProvider.System);
        var first = await store.AppendAsync("dyad-azeir", ExpectedRevision.NoStream, [Event()]);
        using (var other = new EsdbClient(new EsdbEndpoint("127.0.0.1", node.Port), EsdbConnectionString.Parse(node.ConnectionString)))
        {
            await other.AppendAsync("dyad-azeir", EsdbExpected.Exact(0), [new EsdbProposedEvent(Guid.NewGuid(), "Foreign", "{}"u8.ToArray(), ReadOnlyMemory<byte>.Empty)], CancellationToken.None);
        }

        // When
        var verification = await ChainVerifier.VerifyAsync(store, EventStoreDbEventStore.Capabilities);

        // Then
        Assert.False(verification.IsIntact);
        Assert.Equal(1, verification.EventsChecked);
        Assert.Equal(first.LastGlobalPosition, verification.LastPosition);
        Assert.Contains("not written through bt", verification.Problem, StringComparison.Ordinal);
    }

    private static EventData Event() => new(Guid.NewGuid(), "claim-recorded/v1", "{\"n\":1}"u8.ToArray(), new EventMetadata("digest-test"));
}

public sealed class LeaderChangeTests
{
    [Fact]
    public async Task After_the_leader_moves_appends_and_subscriptions_follow_it()
    {
        // Given a store opened on a node that then becomes a follower of another
        await using var old = await StandInEventStoreDb.StartAsync();
        await using var leader = await StandInEventStoreDb.StartAsync();
        await using var store = await EventStoreDbEventStore.OpenAsync(old.ConnectionString, TimeProvider.System);
        old.FollowerOf = leader.Endpoint;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // When
        var result = await store.AppendAsync("dyad-azeir", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "claim-recorded/v1", "{}"u8.ToArray(), new EventMetadata("leader-test"))]);
        await using var subscription = store.SubscribeToAllAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var delivered = await subscription.MoveNextAsync();

        // Then the event went to the leader, and the store now talks to it
        Assert.Equal(0, result.LastStreamRevision);
        Assert.True(delivered);
        Assert.Equal(result.LastGlobalPosition, subscription.Current.GlobalPosition);
        Assert.Equal(leader.Port, store.Endpoint.Port);
        await cancel.CancelAsync();
    }
}
