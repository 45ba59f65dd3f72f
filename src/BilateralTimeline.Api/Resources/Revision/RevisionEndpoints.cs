using BilateralTimeline.Application.Features.Revision.GetLedgerRevision;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Revision;

internal static class RevisionEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/revision", async Task<Ok<LedgerRevision>> (HttpContext http, IMediator mediator, string? dyad, CancellationToken ct) =>
            {
                var revision = await mediator.Send(new GetLedgerRevision(dyad), ct);
                http.Response.Headers.ETag = Revisions.ETag(revision.Revision);
                return TypedResults.Ok(revision);
            })
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("The dyad ledger's current revision (also as ETag): send it back in If-Match on writes");
}
