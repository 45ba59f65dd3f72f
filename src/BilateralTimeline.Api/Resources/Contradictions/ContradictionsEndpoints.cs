using BilateralTimeline.Application.Features.Contradictions.ListContradictions;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Contradictions;

internal static class ContradictionsEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/contradictions", async Task<Ok<ContradictionsView>> (IMediator mediator, string? dyad, string? knownAt, bool? open, int? limit, string? cursor, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListContradictions(dyad, QueryTimes.Instant(knownAt, "knownAt"), open ?? false, limit, string.IsNullOrEmpty(cursor) ? null : cursor), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Disagreements between claims, open or resolved (open=true: only open ones; limit, cursor: one page, next is the following page's cursor): bt contradictions --format json");
}
