using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// What another bt process holds on the same SQLite file: its own store connection and container, so
/// it shares no in-process turn-taking with the test's ledger and meets it only through the store.
/// </summary>
internal sealed class OtherProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OtherProcess(SqliteEventStore store, ServiceProvider services)
    {
        Store = store;
        _services = services;
        Mediator = services.GetRequiredService<IMediator>();
        Ledger = services.GetRequiredService<LedgerCommandService>();
    }

    public SqliteEventStore Store { get; }

    public IMediator Mediator { get; }

    public LedgerCommandService Ledger { get; }

    public static OtherProcess Open(TestLedger ledger)
    {
        var store = SqliteEventStore.Open(ledger.DatabasePath, ledger.Clock);
        var services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IEventStore>(store)
            .AddSingleton(new StoreCapabilities("sqlite", true))
            .BuildServiceProvider();
        return new OtherProcess(store, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Store.DisposeAsync();
    }
}
