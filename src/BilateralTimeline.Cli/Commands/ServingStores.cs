using BilateralTimeline.Application;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Cli.Commands;

/// <summary>
/// The stores serving needs beside the log (projection rows and checkpoints, API keys), in the same
/// database as the chosen event store, and a mediator that can reach them.
/// </summary>
internal sealed class ServingStores(IProjectionStore projections, IApiKeyStore keys, StoreCapabilities capabilities) : IAsyncDisposable
{
    private ServiceProvider? _services;

    public IProjectionStore Projections { get; } = projections;

    public IApiKeyStore Keys { get; } = keys;

    public StoreCapabilities Capabilities { get; } = capabilities;

    public static ServingStores For(IEventStore store) => store switch
    {
        SqliteEventStore sqlite => new ServingStores(SqliteProjectionStore.Open(sqlite.Path, TimeProvider.System), SqliteApiKeyStore.Open(sqlite.Path), SqliteEventStore.Capabilities),
        PostgresEventStore postgres => new ServingStores(new PostgresProjectionStore(postgres.Location, TimeProvider.System), new PostgresApiKeyStore(postgres.Location), PostgresEventStore.Capabilities),
        _ => throw new EventStoreUnavailableException("serving (projection tables, API keys) needs a database beside the log: run bt serve, keys and rebuild on --store sqlite or --store postgres (EventStoreDB has no tables; copy its history there with bt copy)"),
    };

    /// <summary>A mediator whose handlers see the event store and these serving stores.</summary>
    public IMediator Mediator(IEventStore store)
    {
        _services ??= new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton(store)
            .AddSingleton(Projections)
            .AddSingleton(Keys)
            .AddSingleton(Capabilities)
            .BuildServiceProvider();
        return _services.GetRequiredService<IMediator>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync().ConfigureAwait(false);
        }
    }
}
