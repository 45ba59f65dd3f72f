using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt keys, bt serve and bt rebuild from the built bt.dll, as an operator runs them.</summary>
public sealed class ServeTests
{
    [Fact]
    public async Task Keys_serve_and_rebuild_work_together_from_the_command_line()
    {
        using var sandbox = new BtSandbox();
        var samples = Directory.GetFiles(Samples.Folder(), "*.claims.json").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(0, (await sandbox.Bt(["import", .. samples])).ExitCode);
        var created = await sandbox.Bt("keys", "create", "--role", "consumer", "--name", "dashboard");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Stdout.Trim();
        Assert.StartsWith("bt_", key);
        Assert.DoesNotContain(key, await File.ReadAllTextAsync(sandbox.Db, Encoding.Latin1));

        using var server = BtServe.Start(sandbox, "--db", sandbox.Db);
        var address = await BtServe.ListeningAddressAsync(server);
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var state = await client.GetAsync("/api/state?asOf=2023-02-01");
        var write = await client.PostAsync("/api/corrections/retract", new StringContent("{\"claimId\":\"c000-01\",\"reason\":\"x\"}", Encoding.UTF8, "application/json"));
        var rebuild = await sandbox.Bt("rebuild", "state");

        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.Equal("tense", (string?)JsonNode.Parse(await state.Content.ReadAsStringAsync())!["band"]);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Matches(@"rebuild state: v\d+ is live", rebuild.Stdout);
        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        Assert.Equal("ok", (string?)health["status"]);
        server.Kill(entireProcessTree: true);
    }
}
