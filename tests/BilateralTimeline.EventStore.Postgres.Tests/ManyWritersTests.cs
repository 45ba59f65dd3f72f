using System.Collections.Concurrent;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>
/// Many independent writers (one store object each: its own connections and group commit, as separate
/// processes would have) against one schema.
/// </summary>
public sealed class ManyWritersTests : IAsyncLifetime
{
    private readonly PostgresLocation _location = TestServer.FreshLocation("w");
    private readonly List<PostgresEventStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    private async Task<PostgresEventStore> OpenAsync()
    {
        var store = await PostgresEventStore.OpenAsync(_location, TimeProvider.System);
        lock (_stores)
        {
            _stores.Add(store);
        }
        return store;
    }

    [Fact]
    public async Task A_subscriber_sees_every_event_once_in_position_order_while_many_writers_append_to_different_streams()
    {
        // Given a subscriber on its own connection, started before the writers
        const int writers = 16;
        const int appendsPerWriter = 60;
        await using var reader = await PostgresEventStore.OpenAsync(_location, TimeProvider.System);
        var seen = new ConcurrentQueue<RecordedEvent>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var subscriber = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in reader.SubscribeToAllAsync(null, stop.Token))
                {
                    seen.Enqueue(e);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        // When each writer appends batches of 1–3 events to streams of its own, all at once
        var stores = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => OpenAsync()));
        await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            for (var i = 0; i < appendsPerWriter; i++)
            {
                await store.AppendAsync($"claim-w{w}s{i % 5}", ExpectedRevision.Any, TestEvents.Many(1 + (i % 3)));
            }
        })));
        var stored = await reader.ReadAllAsync().ToListAsync();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (seen.Count < stored.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        // Long enough for a duplicate or a straggler to show up, if there were one.
        await Task.Delay(500);
        await stop.CancelAsync();
        await subscriber;

        // Then the subscriber's set equals the table, in the same order, with no duplicates and no gaps
        Assert.Equal(writers * appendsPerWriter * 2, stored.Count);
        Assert.Equal(stored.Select(e => e.EventId), seen.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(p => (long)p), seen.Select(e => e.GlobalPosition));
        Assert.True((await ChainVerifier.VerifyAsync(reader, PostgresEventStore.Capabilities)).IsIntact);
    }

    [Fact]
    public async Task Writers_racing_for_the_same_revision_of_one_stream_have_exactly_one_winner_per_revision()
    {
        // Given eight writers that each try to extend the same stream from what they last read
        const int writers = 8;
        const int rounds = 10;
        var stores = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => OpenAsync()));
        await stores[0].AppendAsync("claim-contested", ExpectedRevision.NoStream, [TestEvents.New("seed")]);
        var wins = new ConcurrentDictionary<long, int>();
        var conflicts = 0;

        // When, round after round, all of them append with the same expected revision
        for (var round = 0; round < rounds; round++)
        {
            var expected = ExpectedRevision.Exact(round);
            var outcomes = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
            {
                try
                {
                    var result = await store.AppendAsync("claim-contested", expected, [TestEvents.New()]);
                    wins.AddOrUpdate(result.LastStreamRevision, 1, (_, n) => n + 1);
                    return true;
                }
                catch (WrongExpectedRevisionException conflict)
                {
                    Assert.Equal(round + 1, conflict.Actual);
                    Interlocked.Increment(ref conflicts);
                    return false;
                }
            })));

            // Then exactly one wins each revision; every other gets the typed conflict naming the actual revision
            Assert.Equal(1, outcomes.Count(won => won));
        }
        Assert.Equal(Enumerable.Range(1, rounds).Select(r => (long)r), wins.Keys.Order());
        Assert.All(wins.Values, n => Assert.Equal(1, n));
        Assert.Equal(rounds * (writers - 1), conflicts);
        var stream = await stores[0].ReadStreamAsync("claim-contested").ToListAsync();
        Assert.Equal(Enumerable.Range(0, rounds + 1).Select(r => (long)r), stream.Select(e => e.StreamRevision));
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
        await TestServer.DropAsync(_location);
    }
}
