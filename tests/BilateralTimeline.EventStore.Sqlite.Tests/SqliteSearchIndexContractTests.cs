using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Contract;

namespace BilateralTimeline.EventStore.Sqlite.Tests;

/// <summary>The search contract on a real SQLite file.</summary>
public sealed class SqliteSearchIndexContractTests : SearchIndexContract
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<(IEventStore Events, ISearchIndexStore Index)> CreateAsync()
    {
        var events = SqliteEventStore.Open(_directory.File("timeline.db"), TimeProvider.System);
        return Task.FromResult<(IEventStore, ISearchIndexStore)>((events, SqliteSearchIndex.Open(events.Path)));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
