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

    public static ServingStores For(IEventStore store, StoreSelection? readModels = null) => (readModels, store) switch
    {
        ({ Kind: StoreKind.Sqlite } models, _) => new ServingStores(OpenSqliteReadModels(models.Target), SqliteApiKeyStore.Open(models.Target), CapabilitiesOf(store)),
        ({ Kind: StoreKind.Postgres } models, _) => new ServingStores(new PostgresProjectionStore(PostgresLocation.Parse(models.Target), TimeProvider.System), new PostgresApiKeyStore(PostgresLocation.Parse(models.Target)), CapabilitiesOf(store)),
        (_, SqliteEventStore sqlite) => new ServingStores(SqliteProjectionStore.Open(sqlite.Path, TimeProvider.System), SqliteApiKeyStore.Open(sqlite.Path), SqliteEventStore.Capabilities),
        (_, PostgresEventStore postgres) => new ServingStores(new PostgresProjectionStore(postgres.Location, TimeProvider.System), new PostgresApiKeyStore(postgres.Location), PostgresEventStore.Capabilities),
        _ => throw new EventStoreUnavailableException("serving (projection tables, API keys) needs a database beside the log: run bt serve, keys and rebuild on --store sqlite or --store postgres, or on eventstoredb name a read-model store with --projections sqlite:PATH or --projections postgres:CONNECTION (EventStoreDB has no tables)"),
    };

    /// <summary>
    /// The projection store a command's writes keep the decider index in: the read-model store if one is
    /// named (its tables created on first use), else the event store's own database; null for EventStoreDB
    /// without one. SQLite's tables are prepared only when first asked for, so a query opens nothing more.
    /// </summary>
    public static async Task<IProjectionStore?> ProjectionsAsync(IEventStore store, StoreSelection? readModels, CancellationToken cancellationToken)
    {
        switch (readModels, store)
        {
            case ({ Kind: StoreKind.Sqlite } models, _):
                return new LazyProjectionStore(() => OpenSqliteReadModels(models.Target));
            case ({ Kind: StoreKind.Postgres } models, _):
                // Opening the schema as an event store creates its tables (the projection tables among them) on first use.
                await using (await PostgresEventStore.OpenAsync(PostgresLocation.Parse(models.Target), TimeProvider.System, cancellationToken).ConfigureAwait(false))
                {
                }
                return new PostgresProjectionStore(PostgresLocation.Parse(models.Target), TimeProvider.System);
            case (_, SqliteEventStore sqlite):
                return new LazyProjectionStore(() => SqliteProjectionStore.Open(sqlite.Path, TimeProvider.System));
            case (_, PostgresEventStore postgres):
                return new PostgresProjectionStore(postgres.Location, TimeProvider.System);
            default:
                return null;
        }
    }

    /// <summary>A SQLite file of read models only: created as a store (its schema, versioned, is the serving tables' base) and then opened for projections.</summary>
    private static SqliteProjectionStore OpenSqliteReadModels(string path)
    {
        SqliteEventStore.Open(path, TimeProvider.System).DisposeAsync().AsTask().GetAwaiter().GetResult();
        return SqliteProjectionStore.Open(path, TimeProvider.System);
    }

    private static StoreCapabilities CapabilitiesOf(IEventStore store) => store switch
    {
        SqliteEventStore => SqliteEventStore.Capabilities,
        PostgresEventStore => PostgresEventStore.Capabilities,
        _ => EventStore.EventStoreDb.EventStoreDbEventStore.Capabilities,
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
