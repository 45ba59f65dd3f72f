using BilateralTimeline.Application.Features.Projections.GetProjectionStatus;
using BilateralTimeline.Application.Features.Projections.ReadProjection;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Projections;

internal static class ProjectionsEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/projections", async Task<Ok<ProjectionStatusReport>> (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetProjectionStatus(), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Projections")
            .WithSummary("Checkpointed projections: live version, checkpoint and lag");

        api.MapGet("/projections/{name}", async Task<Ok<ProjectionPage>> (string name, IMediator mediator, long? after, string? asOf, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReadProjection(name, after ?? 0, QueryTimes.Date(asOf, "asOf")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Projections")
            .WithSummary("The stored rows of a projection's live version (each with the position it reflects), changed after ?after=, each presented at ?asOf= (default today)");

        api.MapPost("/projections/{name}/rebuild", async Task<Ok<RebuildReport>> (string name, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RebuildProjection(name), ct)))
            .RequireAuthorization(AccessPolicies.Write)
            .WithTags("Projections")
            .WithSummary("Build a new version beside the live one, swap when caught up, and report the differences: bt rebuild NAME");
    }
}
