using BilateralTimeline.Application.Features.Export.ExportLedger;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Export;

internal static class ExportEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/export", async Task (HttpContext http, IMediator mediator, string? format, string? dyad, string? asOf, string? knownAt, CancellationToken ct) =>
            {
                // Everything that can be refused is decided before the first byte, so a refusal is still a problem document.
                var chosen = ExportFormats.Parse(format, "format");
                var export = await mediator.Send(new ExportLedger(dyad, QueryTimes.Date(asOf, "asOf"), QueryTimes.Instant(knownAt, "knownAt")), ct);
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = ExportFormats.ContentType(chosen);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{export.Dyad}-{export.AsOf:yyyy-MM-dd}.{ExportFormats.Extension(chosen)}\"";
                await ExportFormats.WriteAsync(export, chosen, http.Response.Body, ct);
            })
            .RequireAuthorization(AccessPolicies.Read)
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv", "application/x-ndjson", "application/stix+json")
            .WithTags("Queries")
            .WithSummary("The claims of the timeline at asOf as known at knownAt, streamed as format=csv, jsonl, stix (a STIX 2.1 bundle), prov-json (W3C PROV-JSON) or prov-ttl (PROV-O in Turtle): bt export");
}
