using BilateralTimeline.Application.Features.Sensitivity.RankSensitivity;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Sensitivity;

internal static class SensitivityEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/sensitivity", async Task<Ok<SensitivityReport>> (IMediator mediator, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RankSensitivity(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Sources and origins ranked by how far the state at asOf moves without each one's claims, with the baseline: bt sensitivity --format json");
}
