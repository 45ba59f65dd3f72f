using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Verify;

internal static class VerifyEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/verify", async Task<Ok<ChainVerification>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new VerifyLog(), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Recompute the SHA-256 hash chain over the whole log: bt verify --format json");
}
