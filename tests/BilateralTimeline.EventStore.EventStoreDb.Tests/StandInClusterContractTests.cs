using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// The contract suite through a three-node stand-in cluster, as the live suite runs against a real one:
/// with every node as a gossip seed, and with only a follower named (every call must follow its
/// not-leader answer; on a real cluster 10 of the 50 live tests failed that way).
/// </summary>
public abstract class StandInClusterContract : EventStoreContract
{
    private static readonly EventStoreDbStoreOptions Options = new() { Categories = [], ReadPageSize = 7 };
    private StandInCluster? _cluster;
    private TimeProvider _clock = TimeProvider.System;

    protected override StoreCapabilities Capabilities => EventStoreDbEventStore.Capabilities;

    protected override bool EventIdsAreUniqueAcrossStreams => false;

    protected override bool RecordsHead => false;

    protected StandInCluster Cluster => _cluster ?? throw new InvalidOperationException("the stand-in cluster is not running");

    protected abstract string ConnectionString { get; }

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        _cluster = await StandInCluster.StartAsync();
        return await EventStoreDbEventStore.OpenAsync(ConnectionString, clock, Options);
    }

    protected override async Task<IEventStore> ReopenAsync() => await EventStoreDbEventStore.OpenAsync(ConnectionString, _clock, Options);

    protected override Task TamperWithStoredEventAsync(long globalPosition)
    {
        Cluster.Leader.Tamper((ulong)globalPosition);
        return Task.CompletedTask;
    }

    /// <summary>EventStoreDB keeps no head record of ours, so there is none to move.</summary>
    protected override Task CutTailAsync(long lastKept, bool moveHead)
    {
        Cluster.Leader.CutTail((ulong)lastKept);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

public sealed class StandInClusterSeedsContractTests : StandInClusterContract
{
    protected override string ConnectionString => Cluster.ConnectionString;
}

public sealed class StandInFollowerOnlyContractTests : StandInClusterContract
{
    protected override string ConnectionString => Cluster.Nodes[2].ConnectionString;
}
