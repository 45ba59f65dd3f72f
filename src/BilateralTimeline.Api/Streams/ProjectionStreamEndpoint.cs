using System.Text.Json;
using BilateralTimeline.Application.Features.Projections.ReadProjection;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Api.Observability;
using BilateralTimeline.Api.Security;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BilateralTimeline.Api.Streams;

/// <summary>
/// GET /projections/{name}/changes: each commit of the projection's live version as one SSE message
/// (id = the position the commit reflects, data = the rows it changed). A client resuming with
/// Last-Event-ID gets the current row of every key changed after that position, then live commits.
/// Rows are read from the store at the client's pace, so no per-client buffer grows on the server.
/// </summary>
internal static class ProjectionStreamEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ApiSettings settings)
    {
        app.MapGet("/projections/{name}/changes", (string name, HttpContext http, IMediator mediator, ProjectionSignal signal, long? after, int? movers) => Stream(name, http, mediator, signal, settings, after, movers ?? ReadProjection.DefaultMovers))
            .RequireAuthorization(AccessPolicies.Read)
            .WithTags("Streams")
            .WithSummary("Changes of a checkpointed projection (e.g. state) as Server-Sent Events, each state row with its ?movers= largest movers (default 20); resume with Last-Event-ID")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task Stream(string name, HttpContext http, IMediator mediator, ProjectionSignal signal, ApiSettings settings, long? after, int movers)
    {
        var position = SseWriter.ResumeAfter(http.Request, after) ?? 0;
        var cancellationToken = http.RequestAborted;
        // Validates the name before the stream starts, so a typo gets a 400 instead of an empty stream.
        var page = await mediator.Send(new ReadProjection(name, position, Movers: movers), cancellationToken).ConfigureAwait(false);
        if (SseWriter.AnsweredHead(http))
        {
            return;
        }
        await using var keyWatch = StreamKeyWatch.Start(http, settings);
        Telemetry.StreamClients.Add(1);
        try
        {
            await SseWriter.StartAsync(http.Response, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var commit in page.Commits)
                {
                    await Write(http, commit, settings, cancellationToken).ConfigureAwait(false);
                    position = commit.Position;
                }
                await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                var woken = signal.NextCommit;
                page = await mediator.Send(new ReadProjection(name, position, Movers: movers), cancellationToken).ConfigureAwait(false);
                if (page.Commits.Count > 0)
                {
                    continue;
                }
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var heartbeat = Task.Delay(settings.Heartbeat, idle.Token);
                var finished = await Task.WhenAny(woken, heartbeat).ConfigureAwait(false);
                // Cancels the timer when a commit woke us, so busy streams do not pile up pending delays.
                await idle.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (finished != woken)
                {
                    await SseWriter.CommentAsync(http.Response, "heartbeat", cancellationToken).ConfigureAwait(false);
                }
                page = await mediator.Send(new ReadProjection(name, position, Movers: movers), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            Telemetry.StreamClients.Add(-1);
        }
    }

    private static async Task Write(HttpContext http, ProjectionCommit commit, ApiSettings settings, CancellationToken cancellationToken)
    {
        // A socket that accepts nothing for the slow-consumer timeout is given up; the client resumes later.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(settings.SlowConsumerTimeout);
        try
        {
            await SseWriter.WriteAsync(http.Response, commit.Position, "projection-commit", JsonSerializer.Serialize(commit, LedgerJson.Options), patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Telemetry.SlowConsumersDropped.Add(1);
            http.Abort();
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
