using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The whole contract suite, each test in a schema of its own on the real server.</summary>
public sealed class PostgresEventStoreContractTests : EventStoreContract
{
    private readonly PostgresLocation _location = TestServer.FreshLocation();
    private TimeProvider _clock = TimeProvider.System;

    protected override StoreCapabilities Capabilities => PostgresEventStore.Capabilities;

    protected override async Task<IEventStore> CreateStoreAsync(TimeProvider clock)
    {
        _clock = clock;
        return await PostgresEventStore.OpenAsync(_location, clock);
    }

    protected override async Task<IEventStore> ReopenAsync() => await PostgresEventStore.OpenAsync(_location, _clock);

    protected override IProjectionStore OpenProjectionStore() => new PostgresProjectionStore(_location, _clock);

    /// <summary>
    /// As a superuser or a bad restore would: triggers are bypassed by replication mode, and one byte of
    /// the payload is changed in place.
    /// </summary>
    protected override Task TamperWithStoredEventAsync(long globalPosition) => TestServer.ExecuteAsync($"""
        SET session_replication_role = replica;
        UPDATE "{_location.Schema}".events
           SET data = set_byte(data, 2, get_byte(data, 2) # 1)
         WHERE position = {globalPosition};
        """);

    /// <summary>As a superuser would: replication mode bypasses the triggers.</summary>
    protected override Task CutTailAsync(long lastKept, bool moveHead) => TestServer.ExecuteAsync($"""
        SET session_replication_role = replica;
        DELETE FROM "{_location.Schema}".events WHERE position > {lastKept};
        {(moveHead ? $"UPDATE \"{_location.Schema}\".head SET position = {lastKept}, hash = coalesce((SELECT hash FROM \"{_location.Schema}\".events WHERE position = {lastKept}), decode(repeat('00', 32), 'hex'));" : "")}
        """);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServer.DropAsync(_location);
    }
}
