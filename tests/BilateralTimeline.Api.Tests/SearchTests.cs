using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Search.SearchLedger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests;

public sealed class SearchTests
{
    [Theory]
    [InlineData(ApiServer.Sqlite)]
    [InlineData(ApiServer.Postgres)]
    public async Task Search_answers_the_CLI_document_with_each_word_at_its_offsets(string kind)
    {
        await using var server = await ApiServer.StartAsync(kind: kind);
        using var client = server.Client(ApiRole.Consumer);
        var q = Uri.EscapeDataString("المناورات");

        var body = JsonNode.Parse(await client.GetStringAsync($"/api/search?q={q}&dyad=IRN-AZE&limit=50"))!;

        var expected = JsonNode.Parse(JsonSerializer.Serialize(await server.Mediator.Send(new SearchLedger("المناورات", "IRN-AZE", 50)), LedgerJson.Indented));
        Assert.True(JsonNode.DeepEquals(expected, body), "search differs from the CLI's document");
        Assert.Equal("AZE-IRN", (string?)body["dyad"]);
        var hit = body["hits"]!.AsArray().Single(h => (string?)h!["id"] == "c002-02")!;
        var match = hit["matches"]!.AsArray().Single(m => (string?)m!["field"] == "quote")!;
        var source = JsonNode.Parse(await client.GetStringAsync("/api/sources/src-002-joint-exercise/text"))!["text"]!.GetValue<string>();
        Assert.Equal((string?)match["text"], source[(int)match["sourceStart"]!..(int)match["sourceEnd"]!]);
        Assert.Equal("مناورة", (string?)match["text"]);
    }

    [Fact]
    public async Task A_claim_recorded_through_the_API_is_found_by_the_next_search()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(ApiRole.Consumer);
        Assert.Equal(0, (int)JsonNode.Parse(await client.GetStringAsync($"/api/search?q={Uri.EscapeDataString("مناورة")}"))!["total"]!);

        await server.Mediator.Send(ImportDocumentReader.Read(Sample("002-joint-exercise"), "api-tests"));

        var after = JsonNode.Parse(await client.GetStringAsync($"/api/search?q={Uri.EscapeDataString("مناورة")}"))!;
        Assert.Contains(after["hits"]!.AsArray(), h => (string?)h!["id"] == "c002-02");
        Assert.Equal(await server.HeadAsync(), (long)after["position"]!);
    }

    [Fact]
    public async Task Once_a_search_built_the_index_the_server_keeps_it_at_the_head_of_the_log_by_itself()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(ApiRole.Consumer);
        var index = server.App.Services.GetRequiredService<ISearchIndexStore>();
        await server.Mediator.Send(ImportDocumentReader.Read(Sample("000-hasanov-visit"), "api-tests"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Null((await index.ReadCheckpointAsync()).Analyzer);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/search?q=x")).StatusCode);
        await server.Mediator.Send(ImportDocumentReader.Read(Sample("002-joint-exercise"), "api-tests"));

        var head = await server.HeadAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while ((await index.ReadCheckpointAsync()).Position < head && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(head, (await index.ReadCheckpointAsync()).Position);
    }

    private static string Sample(string name) => Path.Combine(ApiServer.RepositoryRoot(), "samples", "iran-azerbaijan", name + ".claims.json");

    [Theory]
    [InlineData("/api/search", "q")]
    [InlineData("/api/search?q=%D8%8C", "q")]
    [InlineData("/api/search?q=x&limit=ten", "limit")]
    [InlineData("/api/search?q=x&limit=500", "limit")]
    [InlineData("/api/search?q=x&dyad=IRAN", "dyad")]
    public async Task Bad_search_parameters_are_named_in_the_problem(string url, string field)
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(ApiRole.Consumer);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(field, (string?)problem!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task Search_needs_a_read_key()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var anonymous = server.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/search?q=x")).StatusCode);
    }
}
