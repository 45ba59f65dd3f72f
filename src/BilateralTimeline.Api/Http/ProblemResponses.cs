using System.Text.Json;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// Every failure becomes RFC 9457 problem+json. Validation failures list each field path
/// ("claim.quotes[0].end") with how to fix it under "errors"; a stale If-Match gets 412 with the
/// current revision in "currentRevision" and in the ETag header.
/// </summary>
internal static class ProblemResponses
{
    public static async Task HandleAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = ToProblem(http, error);
        Telemetry.CountFailure(problem.Status ?? 500);
        await Write(http, problem).ConfigureAwait(false);
    }

    public static Task Write(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? 500;
        problem.Instance ??= http.Request.Path;
        return http.Response.WriteAsJsonAsync(problem, JsonOptions, "application/problem+json");
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

    private static ProblemDetails ToProblem(HttpContext http, Exception? error)
    {
        switch (error)
        {
            case InputRejectedException e:
                return Problem(StatusCodes.Status400BadRequest, "The request was refused; nothing was recorded", e.Summary, e.Errors);
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
                // The message names a position and `bt verify`; it holds no event content.
                return Problem(StatusCodes.Status503ServiceUnavailable, "The log is damaged", error.Message);
            case EventStoreUnavailableException e:
                return Problem(StatusCodes.Status503ServiceUnavailable, "The store is unavailable", e.Message);
            case RequestBodyTooLargeException e:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body exceeds the limit of {e.Limit:N0} bytes; send one source or claim per request");
            case BadHttpRequestException { InnerException: RequestBodyTooLargeException e }:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"the body exceeds the limit of {e.Limit:N0} bytes; send one source or claim per request");
            case BadHttpRequestException e when e.StatusCode == StatusCodes.Status413PayloadTooLarge:
                return Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", "the body exceeds the server's limit; split the request (one source or claim per request)");
            case BadHttpRequestException e:
                return Problem(e.StatusCode, "Malformed request", Explain(e), BodyErrors(e));
            case JsonException e:
                return Problem(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message, [new FieldError(FieldOf(e), Short(e.Message))]);
            default:
                return Problem(StatusCodes.Status500InternalServerError, "Server error", "the server failed; the log has the details (nothing was recorded unless a response said so)");
        }
    }

    private static string Explain(BadHttpRequestException e) => e.InnerException is JsonException json ? $"the body is not valid JSON for this endpoint: {Short(json.Message)}" : e.Message;

    private static List<FieldError>? BodyErrors(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? [new FieldError(FieldOf(json), Short(json.Message))] : null;

    private static string FieldOf(JsonException e) => string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');

    private static string Short(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
