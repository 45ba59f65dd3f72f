using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Security;

/// <summary>
/// Headers on every response (page, scripts, API answers, errors). The page's scripts are all files
/// under /js, so the policy allows no inline script, no eval and no other origin; the page may not be
/// framed (clickjacking), nothing is sniffed into another type, and no Referer leaks addresses.
/// Set when the response starts, so error paths that clear the response keep them.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static Task Middleware(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, http.Response);
        return next(http);
    }
}
