using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Timeline;

internal static class TimelineEndpoints
{
    /// <summary>Items per page when the request names no limit: a large dyad's whole timeline is megabytes.</summary>
    public const int DefaultLimit = 200;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/timeline", async Task<Ok<TimelineView>> (IMediator mediator, string? dyad, string? asOf, string? knownAt, string? from, string? to, int? limit, string? cursor,
                [FromQuery] string[]? withoutSource, [FromQuery] string[]? withoutOrigin, string? minReliability, string? minCredibility, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new GetTimeline(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt"), QueryTimes.Date(from, "from"), QueryTimes.Date(to, "to"), limit ?? DefaultLimit, string.IsNullOrEmpty(cursor) ? null : cursor,
                        ReplayQuery.Filter(withoutSource, withoutOrigin, minReliability, minCredibility)),
                    ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .RequireRateLimiting(ApiHost.LargePagePolicy)
            .WithTags("Queries")
            .WithSummary("Occurrences ordered by occurrence time as of a date (asOf) as known at a recording time (knownAt), those overlapping [from, to], a page of limit items (default 200) from cursor; next is the following page's cursor: bt timeline --format json; withoutSource, withoutOrigin (repeatable), minReliability and minCredibility answer for the ledger that never had those claims (a sensitivity replay)");
}
