using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;

namespace BilateralTimeline.Api.Tests;

/// <summary>
/// A restarted server's runner replays the log up to its stored checkpoint before it serves anything new;
/// /health reported the stored checkpoint meanwhile, so a server replaying a million events said lag 0.
/// </summary>
public sealed class HealthReplayTests
{
    [Fact]
    public async Task Health_reports_the_lag_of_a_runner_still_replaying_to_its_stored_checkpoint()
    {
        // Given a store whose state projection was committed at the head by an earlier server
        await using var earlier = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        var head = await earlier.HeadAsync();
        using (var running = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            var runner = Task.Run(() => new ProjectionRunner(earlier.Store, earlier.Projections, new ProjectionSignal(), TimeProvider.System).RunAsync(new StateProjection(), running.Token));
            while (await earlier.Projections.ReadLiveVersionAsync(StateProjection.ProjectionName) is not { } live
                || (await earlier.Projections.ReadCheckpointAsync(StateProjection.ProjectionName, live))?.Position != head)
            {
                running.Token.ThrowIfCancellationRequested();
                await Task.Delay(50);
            }
            await running.CancelAsync();
            await runner;
        }

        // When a new server starts on it and its runner's replay is held after a few events
        var held = new HeldReplayStore(earlier.Store);
        var app = ApiHost.Build(new ApiSettings { Urls = "http://127.0.0.1:0", ConsoleLogs = false }, held, new StoreCapabilities(ApiServer.Sqlite, true), earlier.Projections, earlier.KeysFromElsewhere());
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()), Timeout = TimeSpan.FromSeconds(60) };
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(60));
            var replaying = StateOf(await client.GetFromJsonAsync<JsonObject>("/health"));

            // Then /health says it is behind (the stored checkpoint is at the head), and at the head once the replay ends
            Assert.Equal(head, (long)replaying["checkpoint"]!);
            Assert.True((long)replaying["lagEvents"]! > 0, $"lag {replaying["lagEvents"]} while the runner replays");
            held.Release();
            long lag = -1;
            for (var attempt = 0; attempt < 300 && lag != 0; attempt++)
            {
                await Task.Delay(100);
                lag = (long)StateOf(await client.GetFromJsonAsync<JsonObject>("/health"))["lagEvents"]!;
            }
            Assert.Equal(0, lag);
        }
        finally
        {
            held.Release();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static JsonNode StateOf(JsonObject? health) =>
        health!["projections"]!.AsArray().Single(p => (string?)p!["name"] == StateProjection.ProjectionName)!;
}
