using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The serving-store contract (projection rows, checkpoints, live version, keys), each test in a schema of its own.</summary>
public sealed class PostgresServingStoreContractTests : ServingStoreContract
{
    private readonly PostgresLocation _location = TestServer.FreshLocation("serve");

    protected override async Task<(IEventStore Events, IProjectionStore Projections, IApiKeyStore Keys)> CreateAsync()
    {
        var events = await PostgresEventStore.OpenAsync(_location, TimeProvider.System);
        return (events, new PostgresProjectionStore(_location, TimeProvider.System), new PostgresApiKeyStore(_location));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServer.DropAsync(_location);
    }
}
