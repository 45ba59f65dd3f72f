using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

public sealed class EventStreamTests
{
    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task A_consumer_killed_mid_stream_resumes_with_Last_Event_ID_and_ends_with_exactly_the_stores_events(string store)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 }, kind: store);
        using var analyst = server.Client(ApiRole.Analyst);
        const int Written = 60;
        // Writes keep arriving while the consumer reads, dies and comes back.
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Written; i++)
            {
                var response = await analyst.PostAsync("/api/occurrences", Bodies.Occurrence($"occ-live-{i:D3}"));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        });

        var received = new List<(long Position, Guid EventId)>();
        string? lastEventId = null;
        var connections = 0;
        var target = await server.HeadAsync() + Written;
        while (received.Count == 0 || received[^1].Position < target)
        {
            connections++;
            using var consumer = server.Client(ApiRole.Consumer);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
            if (lastEventId is not null)
            {
                request.Headers.Add("Last-Event-ID", lastEventId);
            }
            using var response = await consumer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            // The first two connections are killed after a few dozen events, the last one runs to the end.
            var killAfter = connections <= 2 ? 45 : int.MaxValue;
            var onThisConnection = 0;
            await foreach (var message in SseReader.ReadAsync(stream, timeout.Token))
            {
                var data = JsonNode.Parse(message.Data)!;
                received.Add(((long)data["position"]!, Guid.Parse((string)data["eventId"]!)));
                Assert.Equal(message.Id, ((long)data["position"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
                lastEventId = message.Id;
                if (++onThisConnection >= killAfter || received[^1].Position >= target)
                {
                    break;
                }
            }
        }
        await writer;

        var stored = new List<(long, Guid)>();
        await foreach (var e in server.Store.ReadAllAsync())
        {
            stored.Add((e.GlobalPosition, e.EventId));
        }
        Assert.True(connections >= 3, $"the consumer should have reconnected at least twice, connected {connections} time(s)");
        Assert.Equal(stored, received);
    }

    [Fact]
    public async Task Resuming_from_after_skips_what_was_seen()
    {
        await using var server = await ApiServer.StartAsync();
        using var consumer = server.Client(ApiRole.Consumer);

        using var response = await consumer.GetAsync("/events?after=100", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var first = await SseReader.ReadAsync(stream).FirstAsync();

        Assert.Equal("101", first.Id);
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeat_comments()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { Heartbeat = TimeSpan.FromMilliseconds(200) }, importSamples: false);
        using var consumer = server.Client(ApiRole.Consumer);

        using var response = await consumer.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var heartbeats = 0;
        while (heartbeats < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(": heartbeat", StringComparison.Ordinal))
            {
                heartbeats++;
            }
        }

        Assert.Equal(2, heartbeats);
    }

    [Fact]
    public async Task A_consumer_that_stops_reading_is_disconnected_and_the_server_keeps_serving()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { StreamBufferEvents = 4, SlowConsumerTimeout = TimeSpan.FromMilliseconds(300), WritesPerSecond = 1000 });
        using var analyst = server.Client(ApiRole.Analyst);
        // Large events fill the socket buffers quickly, so the server-side buffer fills and stays full.
        for (var i = 0; i < 40; i++)
        {
            var source = new JsonObject { ["dyad"] = "AZE-IRN", ["source"] = new JsonObject { ["id"] = $"src-big-{i}", ["outlet"] = "x", ["language"] = "en", ["title"] = "t", ["text"] = new string('x', 200_000) + i } };
            Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/sources", JsonContent.Create(source))).StatusCode);
        }
        using var slow = server.Client(ApiRole.Consumer);
        using var response = await slow.GetAsync("/events", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();

        // Read nothing; the server must give up on this client on its own.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var drained = 0L;
        var broke = false;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var chunk = new byte[1 << 16];
            int n;
            while ((n = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                drained += n;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            broke = true;
        }
        catch (OperationCanceledException)
        {
            // Still connected after draining: the server never gave up on the client.
        }

        var everything = 40 * 200_000L;
        Assert.True(broke || drained < everything, $"the slow client should have been cut off, but it drained {drained:N0} bytes");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/revision")).StatusCode);
    }
}
