using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

/// <summary>
/// POST /api/drafts gives a page the draft of an article (proposals only, nothing recorded), and
/// POST /api/claims takes a quote by its words, locating it in the registered source.
/// </summary>
public sealed class DraftAndQuoteWordsTests
{
    private const string Article = "وزار وزير الخارجية الأذربيجاني طهران يوم الإثنين 22 كانون الثاني \\ يناير، بحسب وكالة إيرنا. ونفت إيران التقارير.";

    [Fact]
    public async Task An_analyst_gets_a_draft_of_proposals_and_nothing_is_recorded()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var head = await server.HeadAsync();

        var response = await analyst.PostAsJsonAsync("/api/drafts", new JsonObject { ["text"] = Article, ["published"] = "2024-01-24", ["dyad"] = "AZE-IRN" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var draft = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(Article, (string?)draft["sources"]![0]!["text"]);
        var claims = draft["claims"]!.AsArray();
        Assert.NotEmpty(claims);
        Assert.All(claims, c => Assert.True((bool)c!["proposed"]!));
        Assert.Contains(claims, c => (string?)c!["kind"] == "visit" && c["occurred"]!["candidates"]!.AsArray().Any(x => (string?)x!["from"] == "2024-01-22"));
        Assert.Equal(head, await server.HeadAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ApiRole.Auditor)]
    public async Task A_draft_needs_an_analyst_key(ApiRole? role)
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(role);

        var response = await client.PostAsJsonAsync("/api/drafts", new JsonObject { ["text"] = Article });

        Assert.Equal(role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_draft_without_text_is_refused_naming_the_field()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);

        var response = await analyst.PostAsJsonAsync("/api/drafts", new JsonObject { ["outlet"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task A_claim_whose_quote_is_given_by_its_words_is_recorded_at_the_located_offsets()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/sources", Bodies.Source("src-words"))).StatusCode);
        var body = Bodies.ClaimJson("c-words", "src-words");
        body["claim"]!["quotes"] = new JsonArray(new JsonObject { ["text"] = "agreed to reopen the border crossing" });

        var response = await analyst.PostAsJsonAsync("/api/claims", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var trace = (await analyst.GetFromJsonAsync<JsonObject>("/api/claims/c-words/trace?dyad=AZE-IRN"))!;
        var start = Bodies.SourceText.IndexOf("agreed to reopen", StringComparison.Ordinal);
        Assert.Contains($"\"start\":{start}", trace.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ambiguous_quote_by_words_is_refused_with_its_positions()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/sources", Bodies.Source("src-twice"))).StatusCode);
        var body = Bodies.ClaimJson("c-twice", "src-twice");
        body["claim"]!["quotes"] = new JsonArray(new JsonObject { ["text"] = "in" });
        var head = await server.HeadAsync();

        var response = await analyst.PostAsJsonAsync("/api/claims", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!;
        Assert.Equal("claim.quotes[0].text", (string?)error["field"]);
        Assert.Contains("nth", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(head, await server.HeadAsync());
    }
}
