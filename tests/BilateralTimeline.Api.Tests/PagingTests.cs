using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Api.Tests;

public sealed class PagingTests
{
    [Fact]
    public async Task Following_the_next_cursors_of_timeline_pages_gives_the_whole_timeline()
    {
        // Given
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var whole = await server.Mediator.Send(new GetTimeline("AZE-IRN", new DateOnly(2024, 6, 1), null));
        Assert.True(whole.Items.Count > 3, $"the sample timeline has only {whole.Items.Count} items: too few to page");

        // When
        var pages = new List<JsonNode?>();
        var items = new JsonArray();
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync($"/api/timeline?dyad=AZE-IRN&asOf=2024-06-01&limit=3{(next is null ? "" : "&cursor=" + Uri.EscapeDataString(next))}"))!;
            pages.Add(page);
            foreach (var item in page["items"]!.AsArray())
            {
                items.Add(item!.DeepClone());
            }
            next = (string?)page["next"];
        }
        while (next is not null);

        // Then
        Assert.All(pages, p => Assert.True(p!["items"]!.AsArray().Count <= 3));
        Assert.Equal((whole.Items.Count + 2) / 3, pages.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(whole.Items, LedgerJson.Options)), items), "the pages do not add up to the whole timeline");
    }

    [Fact]
    public async Task Following_the_next_cursors_of_state_pages_gives_every_mover_in_order_and_each_page_the_whole_score()
    {
        // Given
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var whole = await server.Mediator.Send(new GetRelationshipState("AZE-IRN", new DateOnly(2024, 6, 1), null));
        Assert.True(whole.MovedBy.Count > 2, $"the sample state has only {whole.MovedBy.Count} movers: too few to page");

        // When
        var pages = new List<JsonNode>();
        var movers = new JsonArray();
        string? next = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync($"/api/state?dyad=AZE-IRN&asOf=2024-06-01&limit=2{(next is null ? "" : "&cursor=" + Uri.EscapeDataString(next))}"))!;
            pages.Add(page);
            foreach (var mover in page["movedBy"]!.AsArray())
            {
                movers.Add(mover!.DeepClone());
            }
            next = (string?)page["next"];
        }
        while (next is not null);

        // Then
        Assert.Equal((whole.MovedBy.Count + 1) / 2, pages.Count);
        Assert.All(pages, p => Assert.True(p["movedBy"]!.AsArray().Count <= 2));
        Assert.All(pages, p => Assert.Equal(whole.Score, (double?)p["score"]));
        Assert.All(pages, p => Assert.Equal(whole.MovedBy.Count, (int)p["movedByCount"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(whole.MovedBy, LedgerJson.Options)), movers), "the pages do not add up to the whole state's movers");
    }

    [Fact]
    public async Task A_state_without_a_limit_lists_the_default_number_of_top_movers()
    {
        // Given
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var whole = await server.Mediator.Send(new GetRelationshipState("AZE-IRN", new DateOnly(2024, 6, 1), null));

        // When
        var state = JsonNode.Parse(await client.GetStringAsync("/api/state?dyad=AZE-IRN&asOf=2024-06-01"))!;

        // Then
        var shown = Math.Min(whole.MovedBy.Count, GetRelationshipState.DefaultLimit);
        Assert.Equal(whole.MovedBy.Take(shown).Select(m => m.EntryId), state["movedBy"]!.AsArray().Select(m => (string)m!["entryId"]!));
        Assert.Equal(whole.MovedBy.Count > shown, state["next"] is not null);
    }

    [Fact]
    public async Task A_timeline_window_holds_only_the_items_whose_days_overlap_it()
    {
        // Given
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var whole = await server.Mediator.Send(new GetTimeline("AZE-IRN", new DateOnly(2024, 6, 1), null));

        // When
        var window = JsonNode.Parse(await client.GetStringAsync("/api/timeline?dyad=AZE-IRN&asOf=2024-06-01&from=2023-01-01&to=2023-06-30"))!;

        // Then
        var expected = whole.Items.Where(i => i.Latest >= new DateOnly(2023, 1, 1) && i.Earliest <= new DateOnly(2023, 6, 30)).Select(i => i.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < whole.Items.Count, "the window should leave something out");
        Assert.Equal(expected, window["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList());
    }

    [Fact]
    public async Task Sources_come_a_page_at_a_time_when_a_limit_is_asked()
    {
        // Given
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);
        var whole = await server.Mediator.Send(new ListSources("AZE-IRN"));

        // When
        var first = JsonNode.Parse(await client.GetStringAsync("/api/sources?dyad=AZE-IRN&limit=1"))!;
        var second = JsonNode.Parse(await client.GetStringAsync($"/api/sources?dyad=AZE-IRN&limit=1&cursor={Uri.EscapeDataString((string)first["next"]!)}"))!;

        // Then
        Assert.True(whole.Sources.Count > 1, "the sample has one source: too few to page");
        Assert.Equal(whole.Sources[0].SourceId, (string?)first["sources"]![0]!["sourceId"]);
        Assert.Equal(whole.Sources[1].SourceId, (string?)second["sources"]![0]!["sourceId"]);
        Assert.Single(first["sources"]!.AsArray());
    }

    [Theory]
    [InlineData("/api/timeline?cursor=not-ours", "cursor")]
    [InlineData("/api/timeline?limit=0", "limit")]
    [InlineData("/api/timeline?from=2024-01-02&to=2024-01-01", "to")]
    [InlineData("/api/contradictions?limit=100000", "limit")]
    [InlineData("/api/state?cursor=not-ours", "cursor")]
    [InlineData("/api/state?limit=0", "limit")]
    public async Task Bad_paging_parameters_are_named_in_the_problem(string url, string field)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(field, (string?)problem!["errors"]![0]!["field"]);
    }
}
