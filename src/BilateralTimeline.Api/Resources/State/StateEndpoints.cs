using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.State;

internal static class StateEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/state", async Task<Ok<RelationshipStateView>> (IMediator mediator, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetRelationshipState(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("The relationship's state at a date (asOf) as known at a recording time (knownAt): bt state --format json");
}
