using System.Diagnostics;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// Issue 18, on a stand-in cluster: a long-lived store and its subscription across a leader kill, a
/// connection string naming only a follower, calls made during an election, and an append whose answer
/// died with the leader. Nothing acknowledged may be lost, and nothing may be stored or delivered twice.
/// </summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private StandInCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StandInCluster.StartAsync();

    [Fact]
    public async Task A_long_lived_store_and_its_subscription_carry_on_with_the_new_leader_after_the_old_one_is_killed()
    {
        // Given a store that appends and follows the log, as a long-running process does
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString, TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var subscription = store.SubscribeToAllAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var before = await store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        Assert.True(await subscription.MoveNextAsync());

        // When the leader is killed and another node leads
        _cluster.KillLeader(next: 1);
        var clock = Stopwatch.StartNew();
        var after = await store.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent()]);
        var recovered = clock.Elapsed;
        Assert.True(await subscription.MoveNextAsync());
        var deliveredAfter = subscription.Current.GlobalPosition;

        // Then the append went to the new leader within the discovery budget, and the subscription
        // delivered the new event once, right after the old one
        Assert.Equal(_cluster.Nodes[1].Port, store.Endpoint.Port);
        Assert.True(recovered < TimeSpan.FromSeconds(5), $"took {recovered}");
        Assert.Equal(1L, after.LastStreamRevision);
        Assert.Equal(after.LastGlobalPosition, deliveredAfter);
        Assert.Equal([before.LastGlobalPosition, after.LastGlobalPosition], (await store.ReadAllAsync().ToListAsync()).Select(e => e.GlobalPosition));
        var extra = subscription.MoveNextAsync().AsTask();
        Assert.NotSame(extra, await Task.WhenAny(extra, Task.Delay(300)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extra);
    }

    [Fact]
    public async Task A_connection_string_naming_only_a_follower_reads_and_appends_through_the_leader_it_names()
    {
        // Given history written through the leader, and a store given only a follower
        await using (var writer = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString, TimeProvider.System))
        {
            await writer.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent(), NewEvent()]);
        }
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.Nodes[2].ConnectionString, TimeProvider.System);

        // When
        var stream = await store.ReadStreamAsync("dyad-ab").ToListAsync();
        var all = await store.ReadAllAsync().ToListAsync();
        var appended = await store.AppendAsync("dyad-ab", ExpectedRevision.Exact(1), [NewEvent()]);

        // Then
        Assert.Equal(2, stream.Count);
        Assert.Equal(2, all.Count);
        Assert.Equal(2L, appended.LastStreamRevision);
        Assert.Equal(_cluster.Leader.Port, store.Endpoint.Port);
    }

    [Fact]
    public async Task Calls_made_during_an_election_wait_for_the_new_leader()
    {
        // Given a store whose leader is killed, with no leader for a while
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString, TimeProvider.System);
        await store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        _cluster.KillLeader(next: null);

        // When a read and an append are made during the election, which ends 700 ms later
        var read = store.ReadStreamAsync("dyad-ab").ToListAsync().AsTask();
        var append = store.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent()]);
        await Task.Delay(700);
        Assert.False(read.IsCompleted || append.IsCompleted, "a call finished while no node led");
        _cluster.EndElection(2);

        // Then both were served by the new leader (the read may come after the append there)
        Assert.Equal(0L, (await read)[0].StreamRevision);
        Assert.Equal(1L, (await append).LastStreamRevision);
        Assert.Equal(_cluster.Nodes[2].Port, store.Endpoint.Port);
    }

    [Fact]
    public async Task An_append_whose_answer_died_with_the_leader_is_sent_again_and_stored_once()
    {
        // Given a leader that stores the next append and dies before answering it
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString, TimeProvider.System);
        await store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        _cluster.Leader.DieBeforeAnsweringNextAppend = true;
        _ = Task.Run(async () =>
        {
            while (!_cluster.Leader.Stopped)
            {
                await Task.Delay(10);
            }
            _cluster.KillLeader(next: 1);
        });

        // When
        var result = await store.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent(), NewEvent()]);

        // Then the resend was answered with the stored positions, and the events are there once
        var stream = await store.ReadStreamAsync("dyad-ab").ToListAsync();
        Assert.Equal(3, stream.Count);
        Assert.Equal(3, stream.Select(e => e.EventId).Distinct().Count());
        Assert.Equal((2L, stream[^1].GlobalPosition), (result.LastStreamRevision, result.LastGlobalPosition));
    }

    [Fact]
    public async Task A_call_that_finds_no_leader_within_the_budget_fails_as_retry_later_naming_the_nodes_without_blaming_tls()
    {
        // Given a cluster whose election never ends, and a budget of three discovery rounds
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString + "&maxDiscoverAttempts=3", TimeProvider.System);
        _cluster.KillLeader(next: null);

        // When
        var error = await Assert.ThrowsAsync<EventStoreRetryLaterException>(() => store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]));

        // Then
        Assert.All(_cluster.Nodes, n => Assert.Contains(n.Endpoint.ToString(), error.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("tls", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _cluster.Nodes[1].EventCount);
    }

    [Fact]
    public async Task With_node_preference_follower_reads_go_to_a_follower_and_appends_to_the_leader()
    {
        // Given
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString + "&nodePreference=follower", TimeProvider.System);
        await store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        var leaderReads = _cluster.Leader.CallsTo("Read");

        // When
        var stream = await store.ReadStreamAsync("dyad-ab").ToListAsync();
        var all = await store.ReadAllAsync().ToListAsync();
        var appended = await store.AppendAsync("dyad-ab", ExpectedRevision.Exact(0), [NewEvent()]);

        // Then the reads never reached the leader; the append did
        Assert.Single(stream);
        Assert.Single(all);
        Assert.Equal(1L, appended.LastStreamRevision);
        Assert.Equal(leaderReads, _cluster.Leader.CallsTo("Read"));
        Assert.Equal(2, _cluster.Nodes[1].CallsTo("Read") + _cluster.Nodes[2].CallsTo("Read"));
        Assert.Equal(2, _cluster.Leader.CallsTo("Append"));
    }

    [Fact]
    public async Task With_node_preference_follower_a_read_whose_follower_dies_is_made_on_the_leader()
    {
        // Given a store reading from followers, both of which then die
        await using var store = await EventStoreDbEventStore.OpenAsync(_cluster.ConnectionString + "&nodePreference=follower", TimeProvider.System);
        await store.AppendAsync("dyad-ab", ExpectedRevision.NoStream, [NewEvent()]);
        _cluster.Nodes[1].Kill();
        _cluster.Nodes[2].Kill();

        // When
        var stream = await store.ReadStreamAsync("dyad-ab").ToListAsync();

        // Then
        Assert.Single(stream);
        Assert.True(_cluster.Leader.CallsTo("Read") > 0);
    }

    private static EventData NewEvent() => new(Guid.NewGuid(), "thing-happened/v1", "{}"u8.ToArray(), new EventMetadata("failover-test"));

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
