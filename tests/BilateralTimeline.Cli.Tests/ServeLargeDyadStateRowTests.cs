using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.Support.StoreFile;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// `bt serve` on a large dyad (issue 12): its projection runner keeps no fold of the dyad's history; the "state" row
/// it commits after a write is drawn from the state terms the server holds, and reads as the full state does.
/// </summary>
public sealed class ServeLargeDyadStateRowTests
{
    [Fact]
    public async Task After_a_write_the_servers_state_row_of_a_large_dyad_is_drawn_from_state_terms_and_reads_as_the_full_state()
    {
        // Given a dyad of 3,000 events (bt bench's), served, nothing asked of it
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, 3_000);
        using var server = BtChild.Start(BtProcess.BtDll, bt.Folder, ["--db", bt.Db, "serve", "--urls", "http://127.0.0.1:0", "--public-read", "--quiet"]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(await BtServe.ListeningAddressAsync(server)) };
            await CaughtUpAsync(client, 3_000);
            // (the runner's first commit drew the row: a fold stores no state terms, and nothing has asked for a state)
            Assert.True(Rows(bt.Db, "state-terms") > 1, "the runner stored no state terms: it folded the dyad");

            // When a claim is retracted from the command line beside it
            await Ok(bt.Bt("retract", "c5-1", "--reason", "denied by both ministries"));
            await CaughtUpAsync(client, 3_001);

            // Then the row the runner drew after the write reads as the full state
            var page = (await client.GetFromJsonAsync<JsonObject>("/api/projections/state?movers=10000"))!;
            var row = page["commits"]!.AsArray().SelectMany(c => c!["rows"]!.AsArray()).Single()!["document"]!;
            var state = await client.GetFromJsonAsync<JsonObject>($"/api/state?asOf={(string?)page["asOf"]}&limit=10000");
            Assert.Equal(3_001, (long)row["lastPosition"]!);
            Assert.True(JsonNode.DeepEquals(state, row), $"row:   {row.ToJsonString()[..Math.Min(2000, row.ToJsonString().Length)]}\nstate: {state!.ToJsonString()[..Math.Min(2000, state.ToJsonString().Length)]}");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task CaughtUpAsync(HttpClient client, long head)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var health = await client.GetFromJsonAsync<JsonObject>("/health");
            if ((long)health!["headPosition"]! >= head && health["projections"]!.AsArray().All(p => (long)p!["checkpoint"]! >= head))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the server's projections did not reach position {head}");
    }
}
