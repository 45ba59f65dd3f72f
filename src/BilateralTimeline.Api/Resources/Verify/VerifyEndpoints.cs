using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Validation;
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
        api.MapGet("/verify", async Task<Ok<ChainVerification>> (IMediator mediator, string? expect, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new VerifyLog(Expect: Witness(expect)), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Recompute the SHA-256 hash chain over the whole log, check it against the head record and, with expect=sha256:HEX@POSITION, prove the log still extends that digest: bt verify --format json");

    private static ChainWitness? Witness(string? expect) =>
        expect is null ? null : ChainWitness.TryParse(expect, out var problem) ?? throw new InputRejectedException("expect", problem!);
}
