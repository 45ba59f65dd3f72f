using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Resources.Imports;

internal static class ImportsEndpoints
{
    /// <summary>Named in metadata and messages as bt import names the file it reads.</summary>
    private const string BodyName = "api-import.json";

    public static void Map(IEndpointRouteBuilder api)
    {
        // The review page records an article's accepted claims as one file, so they land all together or not at all.
        api.MapPost("/imports", async Task<Results<Created<ImportResult>, Ok<ImportResult>>> (ImportDocument document, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                RefuseTextFiles(document);
                var result = await mediator.Send(new ImportLedgerFile(document, new Dictionary<string, string>(StringComparer.Ordinal), BodyName,
                    AccessPolicies.RecordedBy(http.User), Revisions.Expected(http)), ct);
                http.Response.Headers.ETag = Revisions.ETag(result.StreamRevision);
                Telemetry.Appends.Add(result.EventsAppended);
                return result.EventsAppended > 0 ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
            })
            .RequireAuthorization(AccessPolicies.Write)
            .RequireRateLimiting(ApiHost.WritePolicy)
            .WithTags("Writes")
            .WithSummary("Record a whole import file (bt import) in one atomic append; proposed claims are refused: remove \"proposed\" from those the analyst accepts");
    }

    // A server must not read files named by a client: the texts travel inline.
    private static void RefuseTextFiles(ImportDocument document)
    {
        var errors = (document.Sources ?? [])
            .Select((s, i) => (s, i))
            .Where(x => x.s?.TextFile is { Length: > 0 })
            .Select(x => new FieldError($"sources[{x.i}].textFile", "is not read over HTTP; give the article in \"text\" instead"))
            .ToList();
        if (errors.Count > 0)
        {
            throw new InputRejectedException("the import names files on the server", errors);
        }
    }
}
