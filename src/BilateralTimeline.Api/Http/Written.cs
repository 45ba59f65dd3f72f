using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Api.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BilateralTimeline.Api.Http;

/// <summary>A write's answer: 201 when events were appended, 200 when it was recorded already; ETag is the ledger's new revision.</summary>
internal static class Written
{
    public static Results<Created<RecordingResult>, Ok<RecordingResult>> Answer(HttpContext http, RecordingResult result)
    {
        http.Response.Headers.ETag = Revisions.ETag(result.StreamRevision);
        Telemetry.Appends.Add(result.EventsAppended);
        return result.EventsAppended > 0 ? TypedResults.Created((string?)null, result) : TypedResults.Ok(result);
    }
}
