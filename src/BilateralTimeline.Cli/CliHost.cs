using BilateralTimeline.Application;
using BilateralTimeline.Application.Ports;
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

    /// <summary>The read-model store named with --projections; null: the event store's own database.</summary>
    public StoreSelection? ReadModels { get; private init; }

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public StoreCapabilities Capabilities => _services.GetRequiredService<StoreCapabilities>();

    public static async Task<CliHost> OpenAsync(StoreSelection selection, CancellationToken cancellationToken)
    {
        var (store, capabilities) = await selection.OpenAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton(store)
            .AddSingleton(capabilities);
        // The decider index lives in the read-model store; where there is none (EventStoreDB without --projections) writes fold the whole stream.
        if (await Commands.ServingStores.ProjectionsAsync(store, selection.ReadModels, cancellationToken).ConfigureAwait(false) is { } projections)
        {
            services.AddSingleton(projections);
        }
        return new CliHost(services.BuildServiceProvider(), store) { ReadModels = selection.ReadModels };
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
