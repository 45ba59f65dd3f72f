using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Actors;

internal static class ActorsEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/actors", async Task<Ok<ActorsView>> (IMediator mediator, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListActors(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("People and offices with tenures and tenure findings: bt actors --format json");
}
