using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

/// <summary>
/// A stand-in EventStoreDB on 127.0.0.1 (HTTP/2 cleartext, a free port): it answers each expected call
/// with the recorded bytes, headers and trailers (Trailers-Only where the server sent that), and checks
/// that the request our client sent decodes to the recorded request's fields. Unexpected calls and
/// mismatches are collected and fail the test in <see cref="AssertPlayedAsRecorded"/>.
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private static readonly HashSet<string> HopHeaders = [":status", "content-type", "date", "server", "content-length"];

    private readonly WebApplication _app;
    private readonly List<Exchange> _pending;
    private readonly List<string> _problems = [];

    private ReplayServer(WebApplication app, List<Exchange> script)
    {
        _app = app;
        _pending = script;
    }

    public int Port { get; private set; }

    public string ConnectionString => $"esdb://127.0.0.1:{Port}?tls=false";

    public EsdbEndpoint Endpoint => new("127.0.0.1", Port);

    public static async Task<ReplayServer> StartAsync(params Exchange[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var server = new ReplayServer(app, [.. script]);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Port = new Uri(address).Port;
        return server;
    }

    public void AssertPlayedAsRecorded()
    {
        List<string> problems;
        List<string> unplayed;
        lock (_pending)
        {
            problems = [.. _problems];
            unplayed = _pending.Select(e => e.Vector.File).ToList();
        }
        Assert.True(problems.Count == 0, "the client's calls differ from the recording:\n" + string.Join("\n", problems));
        Assert.True(unplayed.Count == 0, "expected calls never came: " + string.Join(", ", unplayed));
    }

    private void Problem(string text)
    {
        lock (_pending)
        {
            _problems.Add(text);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        Exchange? exchange;
        lock (_pending)
        {
            exchange = _pending.FirstOrDefault(e => e.Vector.Path == path);
            if (exchange is not null)
            {
                _pending.Remove(exchange);
            }
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (exchange is null)
        {
            Problem($"unexpected call {path}");
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "12";
            context.Response.Headers["grpc-message"] = "not in the replay script";
            return;
        }
        var vector = exchange.Vector;
        CheckHeaders(context.Request, exchange);
        CheckRequests(body.ToArray(), exchange);

        context.Response.ContentType = "application/grpc";
        if (vector.TrailersOnly)
        {
            // Trailers-Only: status and the server's error headers in the one HEADERS frame, no body.
            foreach (var (name, value) in vector.Trailers.Where(t => !HopHeaders.Contains(t.Key)))
            {
                context.Response.Headers[name] = value;
            }
            context.Response.ContentLength = 0;
            exchange.Answered.TrySetResult();
            return;
        }
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 0; i < vector.Responses.Count; i++)
        {
            if (exchange.AbortAfter == i)
            {
                await exchange.AbortGate!.WaitAsync(context.RequestAborted);
                context.Abort();
                exchange.Answered.TrySetResult();
                return;
            }
            if (exchange.LiveFrom == i)
            {
                await exchange.LiveGate!.WaitAsync(context.RequestAborted);
            }
            var response = exchange.ResponseEdit is { } edit ? edit(vector.Responses[i]) : vector.Responses[i];
            await context.Response.Body.WriteAsync(ProtoWire.Frame(response), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        exchange.Answered.TrySetResult();
        if (exchange.HoldOpen)
        {
            // The recorded subscription ended with the client's RST_STREAM(CANCEL) and no trailers.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        foreach (var (name, value) in vector.Trailers)
        {
            context.Response.AppendTrailer(name, value);
        }
    }

    private void CheckHeaders(HttpRequest request, Exchange exchange)
    {
        var file = exchange.Vector.File;
        if (request.Headers["requires-leader"] != "true")
        {
            Problem($"{file}: requires-leader: true was not sent");
        }
        if (!request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) ?? true)
        {
            Problem($"{file}: content-type is '{request.ContentType}'");
        }
        if (request.Headers.TE != "trailers")
        {
            Problem($"{file}: te: trailers was not sent");
        }
        // Every recorded call had a deadline; ours leaves it off subscriptions on purpose, which live for hours.
        if (exchange.Vector.HadDeadline && !exchange.IsSubscription && !request.Headers.ContainsKey("grpc-timeout"))
        {
            Problem($"{file}: grpc-timeout was not sent");
        }
    }

    private void CheckRequests(byte[] body, Exchange exchange)
    {
        var file = exchange.Vector.File;
        List<byte[]> sent;
        try
        {
            sent = ProtoWire.Frames(body);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
            Problem($"{file}: request body is not gRPC framing ({e.Message})");
            return;
        }
        exchange.Sent.AddRange(sent);
        var expected = exchange.ExpectedRequests();
        if (sent.Count != expected.Count)
        {
            Problem($"{file}: {expected.Count} request messages recorded, {sent.Count} sent");
        }
        for (var i = 0; i < Math.Min(sent.Count, expected.Count); i++)
        {
            foreach (var difference in RequestComparer.Differences(expected[i], sent[i], exchange.Ignored))
            {
                Problem($"{file} request {i + 1}: {difference}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
