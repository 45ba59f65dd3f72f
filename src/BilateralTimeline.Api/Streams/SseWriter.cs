using System.Text;
using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Streams;

/// <summary>Writes the text/event-stream framing: id, event and one data line per message, comment lines as heartbeats.</summary>
internal static class SseWriter
{
    public static async Task StartAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        Headers(response);
        // Tells EventSource to reconnect after 2 s; it then sends Last-Event-ID itself.
        await response.WriteAsync("retry: 2000\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A HEAD request gets the stream's headers and ends at once: a stream never ends by itself, and a
    /// client that sent HEAD would otherwise hold the connection open for good.
    /// </summary>
    public static bool AnsweredHead(HttpContext http)
    {
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            return false;
        }
        Headers(http.Response);
        return true;
    }

    private static void Headers(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public static Task WriteAsync(HttpResponse response, long id, string type, string json, CancellationToken cancellationToken)
    {
        // JSON from System.Text.Json holds no raw newlines, so one data line carries the whole document.
        var text = new StringBuilder(json.Length + 64).Append("id: ").Append(id).Append("\nevent: ").Append(type).Append("\ndata: ").Append(json).Append("\n\n").ToString();
        return response.WriteAsync(text, cancellationToken);
    }

    public static async Task CommentAsync(HttpResponse response, string comment, CancellationToken cancellationToken)
    {
        await response.WriteAsync($": {comment}\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where to resume: the Last-Event-ID header (sent by EventSource on reconnect) wins over ?after=.</summary>
    public static long? ResumeAfter(HttpRequest request, long? after, string parameter = "Last-Event-ID")
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        if (header.Length == 0)
        {
            return after;
        }
        return long.TryParse(header, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new Application.Validation.InputRejectedException(parameter, $"'{header}' is not a global position; send the id of the last event you processed");
    }
}
