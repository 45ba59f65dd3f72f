using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>
/// Hostile request bodies and ids: each is refused with 400 problem+json naming the field, and the log
/// (every event's position, data and hash) is exactly what it was.
/// </summary>
public sealed class HostileBodyTests
{
    [Fact]
    public async Task A_body_with_a_key_given_twice_is_refused_with_its_path()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        // Both values are valid: a last-wins reader would accept the body and record it.
        const string body = """{"dyad": "AZE-IRN", "dyad": "AZE-IRN", "occurrence": {"id": "occ-twice", "title": "A happening"}}""";

        await RefusedAsync(server, "/api/occurrences", body, "dyad");
    }

    [Fact]
    public async Task A_nested_key_given_twice_is_refused_with_its_path()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        const string body = """{"dyad": "AZE-IRN", "occurrence": {"id": "occ-twice", "title": "shown", "title": "stored"}}""";

        await RefusedAsync(server, "/api/occurrences", body, "occurrence.title");
    }

    [Fact]
    public async Task An_id_with_a_bidi_override_is_refused()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        var body = new JsonObject { ["dyad"] = "AZE-IRN", ["occurrence"] = new JsonObject { ["id"] = "occ-\u202Elive", ["title"] = "A happening" } }.ToJsonString();

        var problem = await RefusedAsync(server, "/api/occurrences", body, "occurrence.id");

        var message = Messages(problem);
        Assert.Contains("'occ-\\u{202E}live' is not an id", message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nul_in_a_claim_summary_is_refused()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/sources", Bodies.Source("src-hostile"))).StatusCode);
        var claim = Bodies.ClaimJson("c-hostile", "src-hostile");
        claim["claim"]!["summary"] = "The foreign ministers met\0 in Baku.";

        var problem = await RefusedAsync(server, "/api/claims", claim.ToJsonString(), "claim.summary");

        Assert.Contains("U+0000", Messages(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escape_sequence_in_a_source_title_is_refused()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        var body = new JsonObject
        {
            ["dyad"] = "AZE-IRN",
            ["source"] = new JsonObject { ["id"] = "src-esc", ["outlet"] = "wire", ["language"] = "en", ["title"] = "Ministers\u001b[2J meet", ["text"] = Bodies.SourceText },
        }.ToJsonString();

        await RefusedAsync(server, "/api/sources", body, "source.title");
    }

    [Fact]
    public async Task Looking_up_a_claim_by_a_bidi_id_is_refused_as_not_an_id()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var consumer = server.Client(ApiRole.Consumer);

        var response = await consumer.GetAsync("/api/claims/" + Uri.EscapeDataString("c-\u202E10") + "/trace");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("claimId", problem["errors"]!.AsArray().Select(e => (string?)e!["field"]));
    }

    private static async Task<JsonObject> RefusedAsync(ApiServer server, string path, string body, string field)
    {
        using var analyst = server.Client(ApiRole.Analyst);
        var before = await LogAsync(server);

        var response = await analyst.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(field, problem["errors"]!.AsArray().Select(e => (string?)e!["field"]));
        Assert.Equal(before, await LogAsync(server));
        return problem;
    }

    private static string Messages(JsonObject problem) => string.Join("\n", problem["errors"]!.AsArray().Select(e => (string?)e!["message"]));

    /// <summary>Every event's position, data and chain hash: equal only if nothing was added or changed.</summary>
    private static async Task<string> LogAsync(ApiServer server)
    {
        var log = new StringBuilder();
        await foreach (var e in server.Store.ReadAllAsync())
        {
            log.Append(e.GlobalPosition).Append(':').Append(Convert.ToHexString(e.Data.Span)).Append(':').AppendLine(Convert.ToHexString(e.Hash.Span));
        }
        return log.ToString();
    }
}
