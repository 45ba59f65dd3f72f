using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Features.Occurrences.IdentifyOccurrence;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Occurrences;

/// <summary>The body of POST /api/occurrences.</summary>
public sealed record OccurrenceBody(string? Dyad, OccurrenceDto? Occurrence);

internal static class OccurrencesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapWrite<OccurrenceBody>("/occurrences", "Identify an occurrence (a real-world happening claims can be linked to)",
            (body, by, revision) => new IdentifyOccurrence(body.Dyad, body.Occurrence, by, revision));

        api.MapGet("/occurrences/{id}/explain", async Task<Ok<OccurrenceExplanation>> (string id, IMediator mediator, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ExplainOccurrence(id, dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("How an occurrence's confidence and share of the score arise: bt explain ID --format json");
    }
}
