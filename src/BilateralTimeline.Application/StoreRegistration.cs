using BilateralTimeline.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application;

/// <summary>The one place the opened stores enter a container, whichever host builds it.</summary>
public static class StoreRegistration
{
    /// <summary>
    /// Registers the log, its capabilities and whatever read models are open. The API-key store is
    /// resolved through its factory, so a command that never asks for keys never creates their table.
    /// The container does not own the stores: the caller that opened them disposes the log.
    /// </summary>
    public static IServiceCollection AddStores(this IServiceCollection services, OpenStores stores)
    {
        services.AddSingleton(stores.Log);
        services.AddSingleton(stores.Capabilities);
        if (stores.ReadModels is { } models)
        {
            services.AddSingleton(models.Projections);
            services.AddSingleton<IApiKeyStore>(_ => models.Keys);
        }
        if (stores.Search is { } search)
        {
            services.AddSingleton(search);
        }
        return services;
    }
}
