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

        api.MapGet("/projections/{name}", async Task<Ok<ProjectionPage>> (string name, IMediator mediator, long? after, string? asOf, int? movers, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ReadProjection(name, after ?? 0, QueryTimes.Date(asOf, "asOf"), movers ?? ReadProjection.DefaultMovers), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Projections")
            .WithSummary("The stored rows of a projection's live version (each with the position it reflects), changed after ?after=, each presented at ?asOf= (default today) with its ?movers= largest movers (default 20, at most 10,000) and movedByCount counting them all");

        api.MapPost("/projections/{name}/rebuild", async Task<Ok<RebuildReport>> (string name, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RebuildProjection(name), ct)))
            .RequireAuthorization(AccessPolicies.Write)
            .WithTags("Projections")
            .WithSummary("Build a new version beside the live one, swap when caught up, and report the differences: bt rebuild NAME");
    }
}
