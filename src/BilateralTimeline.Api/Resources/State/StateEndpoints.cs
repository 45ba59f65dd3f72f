using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.State;

internal static class StateEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/state", async Task<Ok<RelationshipStateView>> (
                IMediator mediator, string? dyad, string? asOf, string? knownAt, int? limit, string? cursor,
                [FromQuery] string[]? withoutSource, [FromQuery] string[]? withoutOrigin, string? minReliability, string? minCredibility, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new GetRelationshipState(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt"), ReplayQuery.Filter(withoutSource, withoutOrigin, minReliability, minCredibility),
                        limit ?? GetRelationshipState.DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor),
                    ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("The relationship's state at a date (asOf) as known at a recording time (knownAt): bt state --format json; movedBy is a page of limit movers (default 20), largest share first, from cursor; movedByCount counts them all and next is the following page's cursor (the score always weighs them all); withoutSource, withoutOrigin (repeatable), minReliability and minCredibility answer for the ledger that never had those claims (a sensitivity replay)");
}
