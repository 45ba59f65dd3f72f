using System.Diagnostics;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using Xunit.Abstractions;

namespace BilateralTimeline.EventStore.EventStoreDb.LiveTests;

/// <summary>
/// A leader change in the middle of appends, on the cluster <see cref="LiveServer"/> names. The test
/// cannot stop a node itself, so it runs the command in BT_ESDB_STOP_LEADER (with BT_ESDB_LEADER set to
/// the leader's host:port), e.g. <c>docker compose -f infra/eventstoredb/cluster.compose.yml kill
/// node$(( ${BT_ESDB_LEADER##*:} - 2110 ))</c>. This file is compiled only when that variable is set
/// (see the project file), so a single-node run neither passes nor skips it.
/// </summary>
public sealed class LeaderChangeLiveTests(ITestOutputHelper output)
{
    public const string StopLeaderVariable = "BT_ESDB_STOP_LEADER";

    [Fact]
    public async Task Appends_and_a_subscription_carry_on_across_a_leader_kill_with_nothing_lost_or_repeated()
    {
        // Given a store of a fresh namespace following its own log
        var options = new EventStoreDbStoreOptions { Namespace = $"bt{Guid.NewGuid():N}"[..14] + "_", Categories = [] };
        await using var store = await EventStoreDbEventStore.OpenAsync(LiveServer.ConnectionString, TimeProvider.System, options);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var delivered = new List<long>();
        var following = Task.Run(async () =>
        {
            await foreach (var e in store.SubscribeToAllAsync(null, cancel.Token))
            {
                delivered.Add(e.GlobalPosition);
                if (delivered.Count == 60)
                {
                    return;
                }
            }
        });
        var oldLeader = store.Endpoint;

        // When 60 appends run one after another and the leader is stopped after the 20th
        var acknowledged = new List<AppendResult>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 60; i++)
        {
            if (i == 20)
            {
                await StopLeaderAsync(oldLeader);
            }
            var clock = Stopwatch.StartNew();
            acknowledged.Add(await store.AppendAsync("dyad-ab", i == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(i - 1),
                [new EventData(Guid.NewGuid(), "thing-happened/v1", "{}"u8.ToArray(), new EventMetadata("leader-change"))], cancel.Token));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
        }
        await following.WaitAsync(cancel.Token);

        // Then every acknowledged append is in the stream once, in order, chained; the subscription saw
        // each exactly once; and the store now talks to another node
        output.WriteLine($"leader {oldLeader} stopped; new node {store.Endpoint}; slowest append (the recovery) {slowest.TotalSeconds:0.00} s");
        var stream = await store.ReadStreamAsync("dyad-ab").ToListAsync();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), stream.Select(e => e.StreamRevision));
        Assert.Equal(acknowledged.Select(a => a.LastGlobalPosition), stream.Select(e => e.GlobalPosition));
        Assert.Equal(stream.Select(e => e.GlobalPosition), delivered);
        var link = HashChain.Genesis;
        foreach (var e in stream)
        {
            link = HashChain.Link(link.Span, e.Stream, e.StreamRevision, e.EventId, e.Type, e.Recorded, e.Data.Span, MetadataJson.Serialize(e.Metadata));
            Assert.Equal(Convert.ToHexString(link.Span), Convert.ToHexString(e.Hash.Span));
        }
        Assert.NotEqual(oldLeader, store.Endpoint);
    }

    private static async Task StopLeaderAsync(Uri leader)
    {
        var command = Environment.GetEnvironmentVariable(StopLeaderVariable)
            ?? throw new InvalidOperationException($"{StopLeaderVariable} is not set: it must hold a shell command that stops the node at $BT_ESDB_LEADER");
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command }, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BT_ESDB_LEADER"] = $"{leader.Host}:{leader.Port}";
        using var stop = Process.Start(start)!;
        var errors = stop.StandardError.ReadToEndAsync();
        await stop.StandardOutput.ReadToEndAsync();
        await stop.WaitForExitAsync();
        Assert.True(stop.ExitCode == 0, $"{StopLeaderVariable} failed ({stop.ExitCode}): {await errors}");
    }
}
