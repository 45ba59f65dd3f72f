using BilateralTimeline.Application;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Cli;

/// <summary>The composition root of one CLI invocation: the chosen store and the mediator.</summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliHost(ServiceProvider services, IEventStore store)
    {
        _services = services;
        Store = store;
    }

    public IEventStore Store { get; }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public static CliHost Open(string databasePath)
    {
        var clock = TimeProvider.System;
        var store = SqliteEventStore.Open(databasePath, clock);
        var services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton<IEventStore>(store)
            .AddSingleton(new StoreCapabilities("sqlite", GapFreePositions: true))
            .BuildServiceProvider();
        return new CliHost(services, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
