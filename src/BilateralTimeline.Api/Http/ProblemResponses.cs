using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// Every failure becomes RFC 9457 problem+json. Validation failures list each field path
/// ("claim.quotes[0].end") with how to fix it under "errors"; a stale If-Match gets 412 with the
/// current revision in "currentRevision" and in the ETag header. Refusals of the caller's input are
/// answered by <see cref="ClientErrors"/> and logged as one Information line; only server failures
/// reach the exception handler (logged at Error with their stack trace).
/// </summary>
internal static partial class ProblemResponses
{
    public static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = ToProblem(http, error);
        Telemetry.CountFailure(problem.Status ?? 500);
        await Write(http, problem).ConfigureAwait(false);
    }

    /// <summary>Answers refused input (4xx) here, so it is not logged as a server failure; anything else goes on to the exception handler.</summary>
    public static Func<HttpContext, RequestDelegate, Task> ClientErrors(ILogger logger) => async (http, next) =>
    {
        ProblemDetails problem;
        try
        {
            await next(http).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (!http.Response.HasStarted && ToProblem(http, e) is { Status: >= 400 and < 500 } refused)
        {
            problem = refused;
        }
        Refused(logger, http.Request.Method, http.Request.Path.Value ?? "", problem.Status!.Value, problem.Title ?? "", problem.Detail ?? "");
        Telemetry.CountFailure(problem.Status!.Value);
        http.Response.Clear();
        await Write(http, problem).ConfigureAwait(false);
    };

    /// <summary>An empty 404 (no such route) or 405 (no such method on it) gets a problem document saying where to look.</summary>
    public static Task StatusCodePage(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var path = http.Request.Path.Value ?? "";
        var problem = status switch
        {
            StatusCodes.Status404NotFound => Problem(status, "Not found", $"nothing is served at {path}; the API is under /api, described at /openapi/v1.json"),
            StatusCodes.Status405MethodNotAllowed => Problem(status, "Method not allowed",
                $"{path} does not answer {http.Request.Method}; it answers {(http.Response.Headers.Allow.Count > 0 ? http.Response.Headers.Allow.ToString() : "other methods")}"),
            StatusCodes.Status415UnsupportedMediaType => Problem(status, "Unsupported media type",
                $"send the body as JSON with Content-Type: application/json (this request said '{http.Request.ContentType ?? "nothing"}')"),
            _ => Problem(status, "Request refused", $"the request to {path} was refused with status {status}"),
        };
        return Write(http, problem);
    }

    public static Task Write(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? 500;
        problem.Instance ??= http.Request.Path;
        return http.Response.WriteAsJsonAsync(problem, JsonOptions, "application/problem+json");
    }

    /// <summary>A 429 from a rate limiter: retry after a second, counted as a failure, with what was exceeded.</summary>
    public static ValueTask TooManyRequests(HttpContext http, string title, string detail)
    {
        http.Response.Headers.RetryAfter = "1";
        Telemetry.CountFailure(StatusCodes.Status429TooManyRequests);
        return new ValueTask(Write(http, Problem(StatusCodes.Status429TooManyRequests, title, detail)));
    }

    public static ProblemDetails Problem(int status, string title, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors.Select(e => new { field = e.Field, message = e.Message }).ToList();
        }
        return problem;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // Only a write can have recorded something, so only a write's refusal says that nothing was.
    private static string RefusalTitle(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? "The query was refused" : "The request was refused; nothing was recorded";

    private static ProblemDetails ToProblem(HttpContext http, Exception? error)
    {
        switch (error)
        {
            case InputRejectedException e:
                return Problem(StatusCodes.Status400BadRequest, RefusalTitle(http), e.Summary, e.Errors);
            case NotFoundException e:
                return Problem(StatusCodes.Status404NotFound, "Not found", e.Message, [new FieldError(e.Field, e.Message)]);
            case DomainRuleViolated e:
                return Problem(StatusCodes.Status400BadRequest, "The ledger refused the change; nothing was recorded", e.Message, [new FieldError(e.Field, e.Message)]);
            case DuplicateEventIdException e:
                Telemetry.Conflicts.Add(1);
                return Problem(StatusCodes.Status409Conflict, "Event id already used", e.Message);
            case ProjectionCheckpointMovedException e:
                return Problem(StatusCodes.Status409Conflict, "A projection moved", e.Message);
            case DamagedLogException or CorruptEventException:
                // The message names a position; it holds no event content.
                return Problem(StatusCodes.Status503ServiceUnavailable, "The log is damaged", error.Message);
            case EventStoreUnavailableException e:
                return Problem(StatusCodes.Status503ServiceUnavailable, "The store is unavailable", e.Message);
            case RequestBodyTooLargeException e:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body exceeds the limit of {e.Limit:N0} bytes; send one source or claim per request");
            case BadHttpRequestException { InnerException: RequestBodyTooLargeException e }:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body exceeds the limit of {e.Limit:N0} bytes; send one source or claim per request");
            case BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", "the body exceeds the server's limit; split the request (one source or claim per request)");
            case BadHttpRequestException { InnerException: JsonException json } e:
                return BadJson(e.StatusCode, json);
            case BadHttpRequestException e:
                var (field, message) = FrameworkWording.Explain(e.Message);
                return Problem(e.StatusCode == StatusCodes.Status415UnsupportedMediaType ? e.StatusCode : StatusCodes.Status400BadRequest, "Malformed request", message,
                    field is null ? null : [new FieldError(field, message)]);
            case JsonException e:
                return BadJson(StatusCodes.Status400BadRequest, e);
            default:
                return Problem(StatusCodes.Status500InternalServerError, "Server error",
                    HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                        ? "the server failed to answer; the log has the details"
                        : "the server failed; the log has the details (nothing was recorded unless a response said so)");
        }
    }

    private static ProblemDetails BadJson(int status, JsonException e)
    {
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
        var message = FrameworkWording.ExplainJson(e.Message);
        var detail = field.Length == 0 ? $"the body is not valid JSON for this endpoint: {message}" : $"{field}: {message}";
        return Problem(status, "Malformed JSON", detail, [new FieldError(field, message)]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} refused with {Status}: {Title}: {Detail}")]
    private static partial void Refused(ILogger logger, string method, string path, int status, string title, string detail);
}
