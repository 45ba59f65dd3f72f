using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

public sealed class SqliteServingStoreContractTests : ServingStoreContract
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<(IEventStore Events, IProjectionStore Projections, IApiKeyStore Keys)> CreateAsync()
    {
        var events = SqliteEventStore.Open(_directory.File("timeline.db"), TimeProvider.System);
        return Task.FromResult<(IEventStore, IProjectionStore, IApiKeyStore)>((events, SqliteProjectionStore.Open(events.Path, TimeProvider.System), SqliteApiKeyStore.Open(events.Path)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
