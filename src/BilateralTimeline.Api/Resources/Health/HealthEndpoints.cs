using BilateralTimeline.Application.Features.Projections.GetProjectionStatus;
using BilateralTimeline.Application.Ports;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Health;

/// <summary>Liveness plus projection lag in events and seconds; open to anyone (it reveals no ledger content).</summary>
public sealed record HealthReport(string Status, string Store, long HeadPosition, IReadOnlyList<ProjectionStatus> Projections);

internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/health", async Task<Ok<HealthReport>> (IMediator mediator, StoreCapabilities store, CancellationToken ct) =>
            {
                var status = await mediator.Send(new GetProjectionStatus(), ct);
                return TypedResults.Ok(new HealthReport("ok", store.Name, status.HeadPosition, status.Projections));
            })
            .AllowAnonymous()
            .WithTags("Operations")
            .WithSummary("Liveness, store kind, head position and each projection's lag");
}
