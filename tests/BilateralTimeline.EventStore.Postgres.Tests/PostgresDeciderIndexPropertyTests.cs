using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The decider index and the in-process copy against the full fold, on the real server, a schema per store.</summary>
public sealed class PostgresDeciderIndexPropertyTests : DeciderIndexProperties
{
    protected override async Task<StorePair> CreateAsync()
    {
        var location = TestServer.FreshLocation("decider");
        var events = await PostgresEventStore.OpenAsync(location, TimeProvider.System);
        return new StorePair(events, new PostgresProjectionStore(location, TimeProvider.System), async () => await TestServer.DropAsync(location));
    }
}
