using BilateralTimeline.Application.Features.Claims.RecordClaim;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Claims;

/// <summary>The body of POST /api/claims: the dyad (default: the most recently written) and one claim as in an import file.</summary>
public sealed record ClaimBody(string? Dyad, ClaimDto? Claim);

internal static class ClaimsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapWrite<ClaimBody>("/claims", "Record one claim (If-Match: the ledger revision you read; ETag: the new one)",
            (body, by, revision) => new RecordClaim(body.Dyad, body.Claim, by, revision));

        api.MapGet("/claims/{claimId}/trace", async Task<Ok<ClaimTrace>> (string claimId, IMediator mediator, string? dyad, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new TraceClaim(claimId, dyad, QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("A claim back to its events, source and quotes: bt trace ID --format json");
    }
}
