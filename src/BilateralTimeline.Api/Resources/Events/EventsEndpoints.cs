using BilateralTimeline.Application.Features.Events.ListEvents;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Events;

internal static class EventsEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/events", async Task<Ok<IReadOnlyList<EventLine>>> (IMediator mediator, long? from, long? max, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListEvents(from ?? 1, max ?? 100), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("A page of the raw log from a global position (from, default 1; max, default 100): bt events --format json");
}
