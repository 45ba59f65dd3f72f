using BilateralTimeline.Application.Ports;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Application.Ledger;

/// <summary>Marks a request that examines the whole chain itself and must run on a damaged store to report it.</summary>
public interface IWalksTheWholeChain;

/// <summary>
/// Before any request reaches its handler, checks the head link of a store that keeps a head record:
/// the last event is where the head says, with the head's hash. One indexed read of two rows, no
/// re-hashing, so every query and append pays it; a cut or rewritten tail is refused instead of answered
/// or built upon. The middle of the log is <c>bt verify</c>'s job.
/// </summary>
public sealed class HeadLinkBehavior<TRequest, TResponse>(IServiceProvider services) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Requests that need no store (resolving a date) run where none is registered.
        if (request is not IWalksTheWholeChain && services.GetService<IEventStore>() is IRecordsChainHead anchored)
        {
            var snapshot = await anchored.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            if (snapshot.Check() is { } broken)
            {
                throw DamagedLogException.BrokenHead(broken.Position, broken.Problem, "nothing was read or recorded");
            }
        }
        return await next().ConfigureAwait(false);
    }
}
