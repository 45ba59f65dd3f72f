using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Diff;

internal static class DiffEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/diff", async Task<Ok<UnderstandingDiff>> (
                IMediator mediator, string? dyad, string? before, string? after, string? asOf,
                [FromQuery] string[]? withoutSource, [FromQuery] string[]? withoutOrigin, string? minReliability, string? minCredibility, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(
                    new DiffUnderstanding(
                        dyad, Required(before, "before", "the earlier"), Required(after, "after", "the later"), QueryTimes.Date(asOf, "asOf"),
                        ReplayQuery.Filter(withoutSource, withoutOrigin, minReliability, minCredibility)),
                    ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("What changed in our understanding between two recording times (before, after) and how the state at asOf moved: bt diff --known-at BEFORE --known-at AFTER --format json; takes the sensitivity replay's parameters as /api/state does");

    private static DateTimeOffset Required(string? text, string parameter, string which) =>
        QueryTimes.Instant(text, parameter) ?? throw new InputRejectedException(parameter, $"give {which} recording time, e.g. {parameter}=2024-06-01 or {parameter}=2024-06-01T12:00:00Z");
}
