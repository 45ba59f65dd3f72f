using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Features.Sources.GetSourceText;
using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Application.Features.Sources.RegisterSource;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Sources;

/// <summary>The body of POST /api/sources: one source with its full text inline.</summary>
public sealed record SourceBody(string? Dyad, SourceDto? Source);

internal static class SourcesEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/sources", async Task<Ok<SourceAuditView>> (IMediator mediator, string? dyad, string? knownAt, int? limit, string? cursor, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListSources(dyad, QueryTimes.Instant(knownAt, "knownAt"), limit, string.IsNullOrEmpty(cursor) ? null : cursor), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("Every source with its claims and their fate (limit, cursor: one page; next is the following page's cursor): bt sources --format json");

        api.MapGet("/sources/{sourceId}/text", async Task<Ok<SourceTextView>> (string sourceId, IMediator mediator, string? dyad, string? knownAt, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetSourceText(sourceId, dyad, QueryTimes.Instant(knownAt, "knownAt")), ct)))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Queries")
            .WithSummary("A source's full text as registered, with its SHA-256 re-checked (quote offsets index into text)");

        api.MapWrite<SourceBody>("/sources", "Register one source with its full text",
            (body, by, revision) => new RegisterSource(body.Dyad, body.Source, by, revision));
    }
}
