using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// Every write endpoint is the same hop: the body made into its request with the key's holder as author
/// and If-Match as the expected revision, sent, and answered by <see cref="Written"/>; analyst keys only,
/// within the write rate. One place, so the five resources that write cannot drift apart.
/// </summary>
internal static class WriteEndpoints
{
    public static RouteHandlerBuilder MapWrite<TBody>(this IEndpointRouteBuilder routes, string pattern, string summary, Func<TBody, string, long?, IRequest<RecordingResult>> toRequest)
        where TBody : class =>
        routes.MapPost(pattern, async Task<Results<Created<RecordingResult>, Ok<RecordingResult>>> (TBody? body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                Written.Answer(http, await mediator.Send(toRequest(body ?? throw NoBody<TBody>(), AccessPolicies.RecordedBy(http.User), Revisions.Expected(http)), ct)))
            .RequireAuthorization(AccessPolicies.Write)
            .RequireRateLimiting(ApiHost.WritePolicy)
            .WithTags("Writes")
            .WithSummary(summary);

    // A generic body parameter reads as optional to the framework, so an empty body arrives as null; it is
    // refused in the framework's own words, which FrameworkWording explains as it does for any endpoint.
    private static BadHttpRequestException NoBody<TBody>() =>
        new($"Required parameter \"{typeof(TBody).Name} body\" was not provided from body.", StatusCodes.Status400BadRequest);
}
