using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>
/// DNS rebinding: a hostile page re-points its own name at 127.0.0.1 and reads what bt serve answers.
/// The browser still sends the hostile name as Host, so only Hosts naming this server are served.
/// </summary>
public sealed class HostAllowListTests
{
    [Fact]
    public async Task A_rebound_Host_gets_400_problem_and_not_the_public_ledger()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { PublicRead = true });
        using var client = server.Client();

        var page = await Send(client, HttpMethod.Get, "/", $"evil.example:{server.Address.Port}");
        var timeline = await Send(client, HttpMethod.Get, "/api/timeline", $"evil.example:{server.Address.Port}");
        var body = await timeline.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, timeline.StatusCode);
        Assert.Equal("application/problem+json", timeline.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Host not served here", (string?)JsonNode.Parse(body)!["title"]);
        Assert.DoesNotContain("c000-", body);
        Assert.Equal("nosniff", string.Join("", timeline.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_write_with_a_foreign_Host_is_refused_and_the_store_is_byte_identical()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        using var analyst = server.Client(ApiRole.Analyst);
        var before = await StoreSnapshot.TakeAsync(server);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/occurrences") { Content = Bodies.Occurrence("occ-rebound") };
        request.Headers.Host = "attacker.example";
        var response = await analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("--allowed-hosts", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server));
    }

    [Fact]
    public async Task On_a_loopback_address_the_three_loopback_names_are_served_on_its_port_only()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { PublicRead = true }, importSamples: false);
        using var client = server.Client();
        var port = server.Address.Port;

        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}", $"LOCALHOST:{port}" })
        {
            Assert.True((await Send(client, HttpMethod.Get, "/health", host)).StatusCode == HttpStatusCode.OK, host);
        }
        foreach (var host in new[] { $"localhost:{port + 1}", "localhost", $"127.0.0.2:{port}", $"{port}.example:{port}" })
        {
            Assert.True((await Send(client, HttpMethod.Get, "/health", host)).StatusCode == HttpStatusCode.BadRequest, host);
        }
    }

    [Fact]
    public async Task Allowed_hosts_adds_names_on_any_port_or_on_the_port_given()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { PublicRead = true, AllowedHosts = ["timeline.example", "ledger.example:8443"] }, importSamples: false);
        using var client = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/health", "timeline.example")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/health", "timeline.example:9000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Get, "/health", "ledger.example:8443")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(client, HttpMethod.Get, "/health", "ledger.example:8444")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(client, HttpMethod.Get, "/health", "other.example")).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string host)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = host;
        return client.SendAsync(request);
    }
}
