using BilateralTimeline.Application;
using BilateralTimeline.Application.Ports;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Cli;

/// <summary>What a command needs opened besides the log.</summary>
internal enum StoreNeeds
{
    /// <summary>The log; read models where the store keeps them (the decider index), opened only when used.</summary>
    Log,

    /// <summary>The read models too (projections, API keys): refused where there are none.</summary>
    ReadModels,

    /// <summary>The read models and the search index.</summary>
    ReadModelsAndSearch,
}

/// <summary>
/// The composition root of one CLI invocation: the chosen stores and the one container over them. The
/// stores enter it through <see cref="StoreRegistration.AddStores"/>, the same call the HTTP host makes.
/// </summary>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CliHost(ServiceProvider services, OpenStores stores)
    {
        _services = services;
        Stores = stores;
    }

    public OpenStores Stores { get; }

    public IEventStore Store => Stores.Log;

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public StoreCapabilities Capabilities => Stores.Capabilities;

    public T Service<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public static async Task<CliHost> OpenAsync(StoreSelection selection, CancellationToken cancellationToken, StoreNeeds needs = StoreNeeds.Log)
    {
        var stores = await OpenStoresAsync(selection, needs, cancellationToken).ConfigureAwait(false);
        return new CliHost(Compose(stores).BuildServiceProvider(), stores);
    }

    /// <summary>A container for an invocation that opens its stores itself, through a request (bt copy).</summary>
    public static ServiceProvider WithoutStore() => Services().BuildServiceProvider();

    private static IServiceCollection Compose(OpenStores stores) => Services().AddStores(stores);

    private static IServiceCollection Services() => new ServiceCollection().AddBilateralTimeline().AddSingleton(StoreAdapters.Catalog);

    /// <summary>
    /// Opens the log through its adapter and the read models beside it, or in the store named with
    /// --projections. Where there are none (EventStoreDB alone) writes fold the whole stream, and a command
    /// that needs them gets the adapter's refusal, which names the stores that can serve.
    /// </summary>
    public static async Task<OpenStores> OpenStoresAsync(StoreSelection selection, StoreNeeds needs, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var adapter = selection.Adapter;
        var log = await adapter.OpenAsync(selection.Address, clock, cancellationToken).ConfigureAwait(false);
        try
        {
            var models = selection.ReadModels is { } named
                ? await named.Adapter.OpenReadModelsAsync(named.Address, clock, besideOpenLog: false, cancellationToken).ConfigureAwait(false)
                : adapter.HoldsReadModels || needs != StoreNeeds.Log
                    ? await adapter.OpenReadModelsAsync(selection.Address, clock, besideOpenLog: true, cancellationToken).ConfigureAwait(false)
                    : null;
            var search = needs == StoreNeeds.ReadModelsAndSearch ? await models!.SearchAsync(cancellationToken).ConfigureAwait(false) : null;
            return new OpenStores(log, adapter.Capabilities) { ReadModels = models, Search = search };
        }
        catch
        {
            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
