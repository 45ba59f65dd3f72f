using System.Diagnostics;
using MediatR;

namespace BilateralTimeline.Api.Observability;

/// <summary>One span per use case under the HTTP request's span, named after the MediatR request, with the failure recorded.</summary>
internal sealed class TracingBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = Telemetry.Source.StartActivity(typeof(TRequest).Name);
        try
        {
            return await next().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            activity?.AddTag("exception.type", e.GetType().FullName);
            throw;
        }
    }
}
