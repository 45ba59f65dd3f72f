using BilateralTimeline.Application.Validation;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the mediator, every request handler and validator of this assembly, and the
    /// validation behaviour. MediatR 5 resolves everything through its ServiceFactory delegate,
    /// which is wired to the container here (no MediatR DI package exists for this version).
    /// </summary>
    public static IServiceCollection AddBilateralTimeline(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Ledger.WriteRetryPolicy.Default);
        // One per container, so the writers of one process take turns per dyad instead of racing.
        services.AddSingleton<Ledger.LedgerCommandService>();
        // Each query folds the log afresh, from the dyad's persisted snapshot where there is a projection
        // store to keep it in, unless a long-running host registers an index (bt serve does).
        // The state comes from the dyad's persisted state terms there, and a timeline page from its persisted
        // entry versions, without loading a ledger at all.
        services.AddTransient<Ports.ILedgerViews>(provider => provider.GetService<Ports.IProjectionStore>() is { } projections
            ? new Projections.TimelineVersions.TimelineVersionViews(
                provider.GetRequiredService<Ports.IEventStore>(),
                projections,
                new Projections.StateVersions.StateTermViews(provider.GetRequiredService<Ports.IEventStore>(), projections, new Projections.Views.SnapshotViews(provider.GetRequiredService<Ports.IEventStore>(), projections)))
            : new Projections.Views.FullFoldViews(provider.GetRequiredService<Ports.IEventStore>()));
        services.AddSingleton<Projections.Checkpointed.ICheckpointedProjection, Projections.Checkpointed.StateProjection>();
        services.AddSingleton<Projections.Checkpointed.ProjectionSignal>();
        services.AddSingleton<Projections.Checkpointed.ProjectionProgress>();
        services.AddSingleton<Projections.Checkpointed.ProjectionRunner>();
        services.AddSingleton<Search.ITextAnalyzer, Search.LuceneTextAnalyzer>();
        services.AddTransient<ServiceFactory>(provider => provider.GetService!);
        services.AddTransient<IMediator, Mediator>();
        // Registration order is pipeline order: bad input is refused before the store is touched.
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(Ledger.HeadLinkBehavior<,>));

        foreach (var type in typeof(ServiceCollectionExtensions).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                if (definition == typeof(IRequestHandler<,>))
                {
                    services.AddTransient(contract, type);
                }
                else if (definition == typeof(IValidator<>))
                {
                    // Building a validator compiles its rules' expression trees: in `bt serve` that cost more per
                    // request than answering a state question from the index. Validators hold no request state.
                    services.AddSingleton(contract, type);
                }
            }
        }
        ValidatorOptions.Global.PropertyNameResolver = CamelCasePropertyNames.Resolve;
        return services;
    }
}
