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

    public IMediator Mediator => _services.GetRequiredService<IMediator>();

    public StoreCapabilities Capabilities => _services.GetRequiredService<StoreCapabilities>();

    public static async Task<CliHost> OpenAsync(StoreSelection selection, CancellationToken cancellationToken)
    {
        var (store, capabilities) = await selection.OpenAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection()
            .AddBilateralTimeline()
            .AddSingleton(store)
            .AddSingleton(capabilities)
            .BuildServiceProvider();
        return new CliHost(services, store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
