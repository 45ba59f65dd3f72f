using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;

namespace BilateralTimeline.Api.Tests;

public sealed class ProjectionTests
{
    private static async Task<long> WaitForCheckpointAsync(ApiServer server, long position)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var live = await server.Projections.ReadLiveVersionAsync(StateProjection.ProjectionName);
            if (live is { } v && await server.Projections.ReadCheckpointAsync(StateProjection.ProjectionName, v) is { } checkpoint && checkpoint.Position >= position)
            {
                return checkpoint.Position;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the state projection did not reach position {position}");
    }

    [Fact]
    public async Task The_state_projection_row_records_its_version_and_last_position_and_matches_the_live_query()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var head = await server.HeadAsync();
        await WaitForCheckpointAsync(server, head);

        var page = await client.GetFromJsonAsync<JsonObject>("/api/projections/state");
        var row = page!["commits"]!.AsArray().SelectMany(c => c!["rows"]!.AsArray()).Single(r => (string?)r!["key"] == "AZE-IRN")!;
        var commit = page["commits"]!.AsArray().Single(c => c!["rows"]!.AsArray().Any(r => (string?)r!["key"] == "AZE-IRN"))!;
        var live = await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN");

        Assert.Equal(head, (long)commit["position"]!);
        Assert.Equal(1, (int)commit["version"]!);
        Assert.Equal((double?)live!["score"], (double?)row["document"]!["score"]);
        Assert.Equal((long)live["lastPosition"]!, (long)row["document"]!["lastPosition"]!);
    }

    [Fact]
    public async Task A_state_row_lists_as_many_movers_as_the_reader_asks_for_and_counts_them_all()
    {
        // Given a server whose projection has caught up with the samples, a dyad moved by more than one occurrence
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        await WaitForCheckpointAsync(server, await server.HeadAsync());
        var all = (await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN&limit=10000"))!;
        Assert.True((int)all["movedByCount"]! > 1, "the samples' state has a single mover: nothing to limit");

        // When a consumer asks for the row with one mover, by the stored row and by its change stream
        var page = await client.GetFromJsonAsync<JsonObject>("/api/projections/state?movers=1");
        var row = page!["commits"]!.AsArray().SelectMany(c => c!["rows"]!.AsArray()).Single(r => (string?)r!["key"] == "AZE-IRN")!["document"]!.AsObject();
        string streamed;
        using (var response = await client.GetAsync("/projections/state/changes?movers=1", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            streamed = (await SseReader.ReadAsync(stream, timeout.Token).FirstAsync(m => m.Data.Contains("AZE-IRN"), timeout.Token)).Data;
        }

        // Then it holds the largest mover, as GET /api/state's first page, counts them all, and has no cursor (rows are not paged)
        var first = (await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN&limit=1"))!;
        first.Remove("next");
        Assert.True(JsonNode.DeepEquals(first, row), $"row: {row.ToJsonString()}\nstate: {first.ToJsonString()}");
        Assert.Equal((int)all["movedByCount"]!, (int)row["movedByCount"]!);
        var streamedRow = JsonNode.Parse(streamed)!["rows"]!.AsArray().Single(r => (string?)r!["key"] == "AZE-IRN")!["document"]!;
        Assert.Single(streamedRow["movedBy"]!.AsArray());

        // ... and a number outside 1-10,000 is refused, naming the parameter
        foreach (var bad in new[] { "0", "10001" })
        {
            using var refused = await client.GetAsync($"/api/projections/state?movers={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("movers", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task The_stored_state_row_ages_with_the_clock_without_any_new_event(string store)
    {
        // Given a server whose projection has caught up with the samples
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        await using var server = await ApiServer.StartAsync(kind: store, clock: clock);
        using var client = server.Client(ApiRole.Consumer);
        var head = await server.HeadAsync();
        await WaitForCheckpointAsync(server, head);
        var before = await StateRowAsync(client);

        // When two years pass and nothing is written
        clock.Advance(TimeSpan.FromDays(730));
        var after = await StateRowAsync(client);
        var live = await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN");

        // Then the row answers for the new today, as the full fold does, from the same stored row
        Assert.Equal(head, await server.HeadAsync());
        Assert.Equal(before.Position, after.Position);
        Assert.Equal(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)after.Document["asOf"]);
        Assert.NotEqual(Weights(before.Document), Weights(after.Document));
        Assert.True(JsonNode.DeepEquals(live, after.Document), $"row: {after.Document.ToJsonString()}\nfold: {live!.ToJsonString()}");

        // ... and an explicit asOf reads the same row at that date
        var explicitDate = await client.GetFromJsonAsync<JsonObject>("/api/projections/state?asOf=2023-06-01");
        var atDate = explicitDate!["commits"]!.AsArray().SelectMany(c => c!["rows"]!.AsArray()).Single(r => (string?)r!["key"] == "AZE-IRN")!["document"];
        var foldAtDate = await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN&asOf=2023-06-01");
        Assert.True(JsonNode.DeepEquals(foldAtDate, atDate), $"row: {atDate!.ToJsonString()}\nfold: {foldAtDate!.ToJsonString()}");
    }

    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task A_row_an_older_build_froze_is_rewritten_when_the_runner_opens_its_version(string store)
    {
        // Given version 1 caught up with the samples, its row written by a build that froze the state on 2024-01-01
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false }, kind: store);
        using var client = server.Client(ApiRole.Consumer);
        var head = await server.HeadAsync();
        await server.Projections.CommitAsync(StateProjection.ProjectionName, 1, 0, head, [new ProjectionRowChange("AZE-IRN", "{\"dyad\":\"AZE-IRN\",\"asOf\":\"2024-01-01\",\"score\":1.5}")]);
        Assert.True(await server.Projections.SwapLiveAsync(StateProjection.ProjectionName, null, 1));

        // When the upgraded runner starts on it, with no new event to apply
        using var running = new CancellationTokenSource();
        var runner = Task.Run(() => new ProjectionRunner(server.Store, server.Projections, new ProjectionSignal(), TimeProvider.System).RunAsync(new StateProjection(), running.Token));
        var projection = new StateProjection();
        for (var attempt = 0; attempt < 300 && !projection.IsCurrent(Assert.Single(await server.Projections.ReadRowsAsync(StateProjection.ProjectionName, 1), r => r.Key == "AZE-IRN").Document); attempt++)
        {
            await Task.Delay(100);
        }
        await running.CancelAsync();
        await runner;

        // Then the row is in the new shape, still at the checkpoint, and answers as the full fold does today
        Assert.Equal(head, (await server.Projections.ReadCheckpointAsync(StateProjection.ProjectionName, 1))!.Position);
        var row = await StateRowAsync(client);
        var live = await client.GetFromJsonAsync<JsonObject>("/api/state?dyad=AZE-IRN");
        Assert.True(JsonNode.DeepEquals(live, row.Document), $"row: {row.Document.ToJsonString()}\nfold: {live!.ToJsonString()}");
    }

    private static async Task<(long Position, JsonObject Document)> StateRowAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonObject>("/api/projections/state");
        var commit = page!["commits"]!.AsArray().Single(c => c!["rows"]!.AsArray().Any(r => (string?)r!["key"] == "AZE-IRN"))!;
        var row = commit["rows"]!.AsArray().Single(r => (string?)r!["key"] == "AZE-IRN")!;
        return ((long)commit["position"]!, row["document"]!.AsObject());
    }

    private static string Weights(JsonObject state) =>
        string.Join(",", state["movedBy"]!.AsArray().Select(c => c!["weight"]!.ToJsonString()));

    [Fact]
    public async Task A_commit_against_a_moved_checkpoint_is_refused_and_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false }, importSamples: false);
        var projections = server.Projections;
        await projections.CommitAsync("probe", 1, 0, 10, [new ProjectionRowChange("a", "{\"n\":1}")]);

        var stale = await Assert.ThrowsAsync<ProjectionCheckpointMovedException>(() => projections.CommitAsync("probe", 1, 0, 12, [new ProjectionRowChange("a", "{\"n\":2}")]));

        Assert.Equal(10, stale.Actual);
        var rows = await projections.ReadRowsAsync("probe", 1);
        Assert.Equal("{\"n\":1}", Assert.Single(rows).Document);
        Assert.Equal(10, (await projections.ReadCheckpointAsync("probe", 1))!.Position);
    }

    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task A_rebuild_under_concurrent_writes_swaps_without_a_request_failing(string store)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 }, kind: store);
        await WaitForCheckpointAsync(server, await server.HeadAsync());
        using var analyst = server.Client(ApiRole.Analyst);
        using var reader = server.Client(ApiRole.Consumer);
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var requests = 0;

        async Task Loop(Func<int, Task<HttpResponseMessage>> call)
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var response = await call(i++);
                Interlocked.Increment(ref requests);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        var load = new[]
        {
            Task.Run(() => Loop(i => analyst.PostAsync("/api/occurrences", Bodies.Occurrence($"occ-rebuild-{i:D4}")))),
            Task.Run(() => Loop(_ => reader.GetAsync("/api/projections/state"))),
            Task.Run(() => Loop(_ => reader.GetAsync("/projections/state/changes?after=" + long.MaxValue / 2, HttpCompletionOption.ResponseHeadersRead).ContinueWith(t => { t.Result.Dispose(); return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = t.Result.RequestMessage }; }))),
            Task.Run(() => Loop(_ => reader.GetAsync("/api/state"))),
        };
        await Task.Delay(500);
        var rebuild = await analyst.PostAsync("/api/projections/state/rebuild", null);
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(rebuild.IsSuccessStatusCode, await rebuild.Content.ReadAsStringAsync());
        var report = (await rebuild.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)report["oldVersion"]!);
        Assert.Equal(2, (int)report["newVersion"]!);
        Assert.Empty(failures);
        Assert.True(requests > 20, $"only {requests} requests ran during the rebuild");
        // After the swap the runner follows version 2 and catches up with everything written.
        var head = await server.HeadAsync();
        await WaitForCheckpointAsync(server, head);
        Assert.Equal(2, await server.Projections.ReadLiveVersionAsync(StateProjection.ProjectionName));
        var page = await reader.GetFromJsonAsync<JsonObject>("/api/projections/state");
        Assert.Equal(2, (int)page!["version"]!);
        Assert.Equal(head, (long)page["checkpoint"]!);
    }

    [Fact]
    public async Task Rebuild_reports_the_rows_that_differ_from_the_previous_version()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        var first = await server.Mediator.Send(new RebuildProjection("state"));
        // A row the fold would never produce stands in for a bug fixed between versions.
        await server.Projections.CommitAsync("state", first.NewVersion, first.Position, first.Position, [new ProjectionRowChange("AZE-IRN", "{\"score\":99}"), new ProjectionRowChange("XXX-YYY", "{}")]);

        var second = await server.Mediator.Send(new RebuildProjection("state"));

        Assert.Null(first.OldVersion);
        Assert.Equal(first.NewVersion, second.OldVersion);
        Assert.Equal(["XXX-YYY"], second.Removed);
        Assert.Contains(second.Changed, c => c.Key == "AZE-IRN" && c.Fields.Contains("score"));
    }

    [Fact]
    public async Task The_projection_change_stream_resumes_after_the_last_event_id()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 });
        await WaitForCheckpointAsync(server, await server.HeadAsync());
        using var consumer = server.Client(ApiRole.Consumer);
        using var analyst = server.Client(ApiRole.Analyst);

        string firstId;
        using (var response = await consumer.GetAsync("/projections/state/changes", HttpCompletionOption.ResponseHeadersRead))
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            var first = await SseReader.ReadAsync(stream).FirstAsync();
            firstId = first.Id!;
            Assert.Equal("projection-commit", first.Event);
        }
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/occurrences", Bodies.Occurrence("occ-after-disconnect"))).StatusCode);
        var head = await server.HeadAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/projections/state/changes");
        request.Headers.Add("Last-Event-ID", firstId);
        using var resumed = await consumer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var resumedStream = await resumed.Content.ReadAsStreamAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var next = await SseReader.ReadAsync(resumedStream, timeout.Token).FirstAsync(timeout.Token);

        Assert.True(long.Parse(next.Id!, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(firstId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(head, long.Parse(next.Id!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("AZE-IRN", next.Data);
    }
}
