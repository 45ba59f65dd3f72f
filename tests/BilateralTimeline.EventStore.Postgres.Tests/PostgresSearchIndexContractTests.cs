using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The search contract on the real server, each test in a schema of its own.</summary>
public sealed class PostgresSearchIndexContractTests : SearchIndexContract
{
    private readonly PostgresLocation _location = TestServer.FreshLocation("search");

    protected override async Task<(IEventStore Events, ISearchIndexStore Index)> CreateAsync()
    {
        var events = await PostgresEventStore.OpenAsync(_location, TimeProvider.System);
        return (events, await PostgresSearchIndex.OpenAsync(_location));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServer.DropAsync(_location);
    }
}
