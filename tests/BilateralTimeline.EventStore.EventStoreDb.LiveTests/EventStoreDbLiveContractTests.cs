using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.EventStoreDb.LiveTests;

/// <summary>
/// The whole contract suite against the EventStoreDB that <see cref="LiveServer"/> names. A database
/// cannot be emptied between tests, so each test's streams live under a namespace of their own.
/// </summary>
public sealed class EventStoreDbLiveContractTests : EventStoreContract
{
    private EventStoreDbStoreOptions _options = EventStoreDbStoreOptions.Default;
    private TimeProvider _clock = TimeProvider.System;
    private long? _tamperedPosition;
    private long? _lastKept;

    protected override StoreCapabilities Capabilities => EventStoreDbEventStore.Capabilities;

    protected override bool EventIdsAreUniqueAcrossStreams => false;

    protected override bool RecordsHead => false;

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        // Every category of this test, and only this test, under a fresh prefix.
        _options = new EventStoreDbStoreOptions { Namespace = $"bt{Guid.NewGuid():N}"[..14] + "_", Categories = [] };
        return await EventStoreDbEventStore.OpenAsync(LiveServer.ConnectionString, clock, _options);
    }

    protected override async Task<IEventStore> ReopenAsync()
    {
        var store = await EventStoreDbEventStore.OpenAsync(LiveServer.ConnectionString, _clock, _options);
        IEventStore view = _tamperedPosition is { } position ? new AlteredBytesView(store, position) : store;
        if (_lastKept is not { } kept)
        {
            return view;
        }
        var end = await store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1).Select(e => e.GlobalPosition).FirstOrDefaultAsync();
        return new CutTailView(view, kept, end);
    }

    /// <summary>
    /// EventStoreDB's chunk files are not reachable from a client, so the edit is made where a tampered
    /// disk or a compromised node would show it: in the bytes the store hands back for that event.
    /// </summary>
    protected override Task TamperWithStoredEventAsync(long globalPosition)
    {
        _tamperedPosition = globalPosition;
        return Task.CompletedTask;
    }

    /// <summary>A client cannot delete a stream's newest events; the cut is made in what the store hands back.</summary>
    protected override Task CutTailAsync(long lastKept, bool moveHead)
    {
        _lastKept = lastKept;
        return Task.CompletedTask;
    }
}
