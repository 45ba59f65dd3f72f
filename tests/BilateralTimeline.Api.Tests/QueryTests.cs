using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Api.Tests;

public sealed class QueryTests
{
    [Fact]
    public async Task Timeline_and_state_bodies_are_the_documents_the_CLI_prints()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var knownAt = DateTimeOffset.UtcNow;
        var known = Uri.EscapeDataString(knownAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var timeline = JsonNode.Parse(await client.GetStringAsync($"/api/timeline?asOf=2023-02-01&knownAt={known}"));
        var state = JsonNode.Parse(await client.GetStringAsync($"/api/state?dyad=IRN-AZE&asOf=2023-02-01&knownAt={known}"));

        // The CLI writes exactly these views with LedgerJson (Rendering/Json.cs).
        var expectedTimeline = JsonNode.Parse(JsonSerializer.Serialize(await server.Mediator.Send(new GetTimeline(null, new DateOnly(2023, 2, 1), knownAt)), LedgerJson.Indented));
        var expectedState = JsonNode.Parse(JsonSerializer.Serialize(await server.Mediator.Send(new GetRelationshipState("AZE-IRN", new DateOnly(2023, 2, 1), knownAt)), LedgerJson.Indented));
        Assert.True(JsonNode.DeepEquals(expectedTimeline, timeline), "timeline differs from the CLI's document");
        Assert.True(JsonNode.DeepEquals(expectedState, state), "state differs from the CLI's document");
        Assert.Equal("tense", (string?)state!["band"]);
    }

    [Theory]
    [InlineData("/api/state?asOf=2023-02-30", "asOf")]
    [InlineData("/api/timeline?knownAt=yesterday", "knownAt")]
    [InlineData("/api/state?dyad=IRAN", "dyad")]
    public async Task Bad_query_parameters_are_named_in_the_problem(string url, string field)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(field, (string?)problem!["errors"]![0]!["field"]);
    }

    [Theory]
    [InlineData("/api/sources")]
    [InlineData("/api/contradictions?open=true")]
    [InlineData("/api/actors?asOf=2024-06-01")]
    [InlineData("/api/verify")]
    [InlineData("/api/occurrences/occ-2023-01-attack-aze-embassy-tehran/explain?asOf=2023-02-01")]
    [InlineData("/api/claims/c000-01/trace")]
    [InlineData("/api/events?from=1&max=5")]
    public async Task Every_read_resource_answers_json(string url)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Health_reports_the_store_and_projection_lag_without_a_key()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.Client();
        var head = await server.HeadAsync();

        JsonObject? health = null;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            health = await anonymous.GetFromJsonAsync<JsonObject>("/health");
            if ((long)health!["projections"]![0]!["lagEvents"]! == 0)
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.Equal("sqlite", (string?)health!["store"]);
        Assert.Equal(head, (long)health["headPosition"]!);
        var state = health["projections"]!.AsArray().Single(p => (string?)p!["name"] == "state")!;
        Assert.Equal(head, (long)state["checkpoint"]!);
        Assert.Equal(0, (long)state["lagEvents"]!);
        Assert.Equal(0.0, (double)state["lagSeconds"]!);
    }
}
