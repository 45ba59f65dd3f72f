using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class LiveUpdateTests(WebFixture web)
{
    [Fact]
    public async Task A_claim_recorded_through_the_api_appears_on_the_open_page_without_a_reload()
    {
        // A server of its own: this test writes.
        await using var server = await BtServer.StartAsync();
        var key = await server.CreateAnalystKeyAsync();
        var quoted = await server.GetJsonAsync("/api/claims/c002-14/trace");
        var analyst = new AnalystPage(await web.NewPageAsync(), server.Address);
        await analyst.OpenAsync("?window=2022");
        await analyst.Page.WaitForSelectorAsync("#live-status[data-connected='true']");
        await analyst.Page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");
        var before = await analyst.ItemIdsAsync();
        Assert.DoesNotContain("web-live-01", before);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/claims") { Content = JsonContent.Create(NewClaim(quoted)) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        await analyst.Page.WaitForSelectorAsync("#timeline g.item[data-item-id='web-live-01']");
        Assert.Equal("yes", await analyst.Page.EvaluateAsync<string>("() => window.__sameDocument"));
        var after = await analyst.ItemIdsAsync();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Contains("fresh", await analyst.Page.Locator("#timeline g.item[data-item-id='web-live-01']").GetAttributeAsync("class"));
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task A_correction_recorded_elsewhere_updates_the_open_claim_panel_grades_and_history()
    {
        await using var server = await BtServer.StartAsync();
        var key = await server.CreateAnalystKeyAsync();
        var analyst = new AnalystPage(await web.NewPageAsync(), server.Address);
        await analyst.OpenAsync("?claim=c002-14");
        await analyst.WaitForClaimPanelAsync("c002-14");
        await analyst.Page.WaitForSelectorAsync("#live-status[data-connected='true']");
        var historyBefore = await analyst.Page.Locator("#claim-history li").CountAsync();
        Assert.DoesNotContain("not usually reliable", await analyst.Page.Locator("#claim-confidence-words").InnerTextAsync());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/corrections/revise")
        {
            Content = JsonContent.Create(new { claimId = "c002-14", reliability = "D", credibility = 4, reason = "web test: a second look at the outlet" }),
        };
        request.Headers.Add("X-Api-Key", key);
        using var response = await server.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        await analyst.Page.WaitForFunctionAsync($"() => document.querySelectorAll('#claim-history li').length > {historyBefore}");
        var words = await analyst.Page.Locator("#claim-confidence-words").InnerTextAsync();
        Assert.Contains("not usually reliable", words);
        Assert.Contains("doubtful", words);
        Assert.Contains("web test: a second look at the outlet", await analyst.Page.Locator("#claim-history").InnerTextAsync());
        Assert.Equal("c002-14", await analyst.Page.Locator("#claim-panel").GetAttributeAsync("data-claim-id"));
        await analyst.Page.CloseAsync();
    }

    /// <summary>A claim in the import-file shape, quoting words that really are in the source at their offsets.</summary>
    private static JsonObject NewClaim(JsonObject quoted)
    {
        var quote = quoted["quotes"]![0]!;
        return new JsonObject
        {
            ["dyad"] = "AZE-IRN",
            ["claim"] = new JsonObject
            {
                ["id"] = "web-live-01",
                ["source"] = quoted["source"]!["sourceId"]!.GetValue<string>(),
                ["kind"] = "statement",
                ["summary"] = "Recorded by the web test while the page was open",
                ["modality"] = "asserted",
                ["actors"] = new JsonArray(),
                ["place"] = "Baku",
                ["occurred"] = new JsonObject
                {
                    ["phrase"] = null,
                    ["language"] = null,
                    ["candidates"] = new JsonArray(new JsonObject
                    {
                        ["from"] = "2023-06-15",
                        ["to"] = "2023-06-15",
                        ["precision"] = "day",
                        ["method"] = "explicit",
                    }),
                    ["findings"] = new JsonArray(),
                },
                ["attribution"] = new JsonArray(),
                ["quotes"] = new JsonArray(new JsonObject
                {
                    ["start"] = quote["start"]!.GetValue<int>(),
                    ["end"] = quote["end"]!.GetValue<int>(),
                    ["text"] = quote["text"]!.GetValue<string>(),
                }),
                ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
                ["effects"] = new JsonArray(),
                ["note"] = null,
            },
        };
    }
}
