using BilateralTimeline.Application.Ports;
using BilateralTimeline.Api.Observability;
using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// A write that lost the race is answered here rather than by the exception handler, because that
/// handler strips ETag from error responses and the 412 must carry the current revision as its ETag.
/// </summary>
internal static class ConflictResponses
{
    public static async Task Middleware(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
        }
        catch (WrongExpectedRevisionException e) when (!http.Response.HasStarted)
        {
            Telemetry.Conflicts.Add(1);
            var stale = http.Request.Headers.IfMatch.Count > 0;
            var problem = ProblemResponses.Problem(stale ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict,
                stale ? "The ledger moved since your If-Match revision" : "Somebody wrote first",
                $"{e.Message}. Read it again (the ETag header holds the current revision) and retry with If-Match: {Revisions.ETag(e.Actual)}");
            problem.Extensions["currentRevision"] = e.Actual;
            http.Response.Clear();
            http.Response.Headers.ETag = Revisions.ETag(e.Actual);
            Telemetry.CountFailure(problem.Status!.Value);
            await ProblemResponses.Write(http, problem).ConfigureAwait(false);
        }
    }
}
