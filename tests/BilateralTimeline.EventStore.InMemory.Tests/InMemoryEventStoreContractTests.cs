using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;
using BilateralTimeline.Testing.InMemory;

namespace BilateralTimeline.EventStore.InMemory.Tests;

/// <summary>The whole contract suite against the in-memory store, so handler tests may trust it as they would SQLite.</summary>
public sealed class InMemoryEventStoreContractTests : EventStoreContract
{
    private InMemoryLog _log = new();
    private TimeProvider _clock = TimeProvider.System;

    protected override StoreCapabilities Capabilities => InMemoryEventStore.Capabilities;

    protected override Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        _log = new InMemoryLog();
        return Task.FromResult<IEventStore>(new InMemoryEventStore(_log, clock));
    }

    protected override Task<IEventStore> ReopenAsync() => Task.FromResult<IEventStore>(new InMemoryEventStore(_log, _clock));

    protected override Task TamperWithStoredEventAsync(long globalPosition)
    {
        _log.AlterData(globalPosition);
        return Task.CompletedTask;
    }

    protected override Task CutTailAsync(long lastKept, bool moveHead)
    {
        _log.DeleteAfter(lastKept, moveHead);
        return Task.CompletedTask;
    }
}
