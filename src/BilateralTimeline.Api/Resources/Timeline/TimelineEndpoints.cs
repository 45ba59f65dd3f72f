using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Timeline;

internal static class TimelineEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/timeline", async Task<Ok<TimelineView>> (IMediator mediator, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetTimeline(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Occurrences ordered by occurrence time as of a date (asOf) as known at a recording time (knownAt): bt timeline --format json");
}
