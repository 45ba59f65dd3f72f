using System.Diagnostics;
using BilateralTimeline.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Observability;

/// <summary>
/// One structured line per request: method, path, status, milliseconds, key id and role. The query
/// string is left out on purpose: a browser's EventSource sends its API key there.
/// </summary>
internal static partial class RequestLog
{
    public static Func<HttpContext, RequestDelegate, Task> Middleware(ILogger logger) => async (http, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http).ConfigureAwait(false);
        }
        finally
        {
            Finished(logger, http.Request.Method, http.Request.Path.Value ?? "", http.Response.StatusCode, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
                http.User.FindFirst(ApiKeyAuthentication.KeyIdClaim)?.Value ?? "-", http.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value ?? "-");
        }
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {ElapsedMs} ms (key {KeyId}, role {Role})")]
    private static partial void Finished(ILogger logger, string method, string path, int status, double elapsedMs, string keyId, string role);
}
