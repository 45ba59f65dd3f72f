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

    protected override bool PositionsAreGapFree => false;

    protected override HashChainScope ChainScope => HashChainScope.Stream;

    protected override bool EventIdsAreUniqueAcrossStreams => false;

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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
