using System.Text.Json;
using System.Threading.Channels;
using BilateralTimeline.Application.Features.Events.ListEvents;
using BilateralTimeline.Application.Features.Events.SubscribeToEvents;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Streams;

/// <summary>
/// GET /events: the whole log as Server-Sent Events, history then live. Each message's id is the
/// event's global position, so a client reconnecting with Last-Event-ID (or ?after=) resumes exactly
/// after the last event it received. Between the store and the socket each client has a bounded
/// buffer; a client that leaves it full for the slow-consumer timeout is disconnected and can resume.
/// </summary>
internal static partial class EventStreamEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ApiSettings settings)
    {
        app.MapGet("/events", (HttpContext http, IMediator mediator, ILoggerFactory logs, long? after) => Stream(http, mediator, settings, logs.CreateLogger("BilateralTimeline.Api.Streams"), after))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Streams")
            .WithSummary("The whole log as Server-Sent Events (id = global position; resume with Last-Event-ID)")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task Stream(HttpContext http, IMediator mediator, ApiSettings settings, ILogger logger, long? after)
    {
        var resumeAfter = SseWriter.ResumeAfter(http.Request, after);
        if (SseWriter.AnsweredHead(http))
        {
            return;
        }
        var lines = await mediator.Send(new SubscribeToEvents(resumeAfter), http.RequestAborted).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var buffer = Channel.CreateBounded<EventLine>(new BoundedChannelOptions(settings.StreamBufferEvents) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var tooSlow = false;
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var line in lines.WithCancellation(stop.Token).ConfigureAwait(false))
                {
                    if (buffer.Writer.TryWrite(line))
                    {
                        continue;
                    }
                    using var patience = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    patience.CancelAfter(settings.SlowConsumerTimeout);
                    try
                    {
                        await buffer.Writer.WriteAsync(line, patience.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        // Cut the connection now: the socket is not draining, so writing what is buffered could block for good.
                        tooSlow = true;
                        http.Abort();
                        break;
                    }
                }
                buffer.Writer.TryComplete();
            }
            catch (Exception e)
            {
                buffer.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        }, CancellationToken.None);

        await using var keyWatch = StreamKeyWatch.Start(http, settings);
        Telemetry.StreamClients.Add(1);
        try
        {
            await SseWriter.StartAsync(http.Response, stop.Token).ConfigureAwait(false);
            await Pump(http, buffer.Reader, settings, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            Telemetry.StreamClients.Add(-1);
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            if (tooSlow)
            {
                // The client reconnects (EventSource does so itself) with Last-Event-ID and loses nothing.
                Telemetry.SlowConsumersDropped.Add(1);
                SlowConsumer(logger, http.Connection.RemoteIpAddress?.ToString() ?? "?", settings.StreamBufferEvents);
            }
        }
    }

    private static async Task Pump(HttpContext http, ChannelReader<EventLine> reader, ApiSettings settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(settings.Heartbeat);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await SseWriter.CommentAsync(http.Response, "heartbeat", cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!more)
            {
                return;
            }
            while (reader.TryRead(out var line))
            {
                await SseWriter.WriteAsync(http.Response, line.Position, line.Type, JsonSerializer.Serialize(line, LedgerJson.Options), cancellationToken).ConfigureAwait(false);
            }
            await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSE client {Client} disconnected: its {Capacity}-event buffer stayed full; it can resume with Last-Event-ID")]
    private static partial void SlowConsumer(ILogger logger, string client, int capacity);
}
