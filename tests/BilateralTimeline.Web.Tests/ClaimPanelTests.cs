using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ClaimPanelTests(WebFixture web)
{
    private const string Attack = "occ-2023-01-attack-aze-embassy-tehran";

    [Fact]
    public async Task One_click_from_a_state_figure_opens_its_claim_with_the_arabic_quote_marked_in_the_right_to_left_source()
    {
        var state = await web.Server.GetJsonAsync("/api/state?asOf=2023-03-01");
        var claimId = state["movedBy"]!.AsArray().Single(m => m!["entryId"]!.GetValue<string>() == Attack)!["claimIds"]![0]!.GetValue<string>();
        var trace = await web.Server.GetJsonAsync($"/api/claims/{claimId}/trace");
        var quote = trace["quotes"]![0]!["text"]!.GetValue<string>();
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync("?asOf=2023-03-01");

        await analyst.Page.Locator($"#moved-by button[data-claim-id='{claimId}']").ClickAsync();
        await analyst.WaitForClaimPanelAsync(claimId);

        var text = analyst.Page.Locator("#claim-body .source-text");
        var source = await web.Server.GetJsonAsync($"/api/sources/{trace["source"]!["sourceId"]!.GetValue<string>()}/text");
        Assert.Equal(WithoutWhitespace(source["text"]!.GetValue<string>()), WithoutWhitespace(await text.TextContentAsync() ?? ""));
        Assert.Equal("rtl", await text.GetAttributeAsync("dir"));
        Assert.Equal("ar", await text.GetAttributeAsync("lang"));
        var marks = text.Locator("mark.quote");
        Assert.Equal(quote, string.Concat(await marks.AllTextContentsAsync()));
        Assert.Equal("at-offsets", await marks.First.GetAttributeAsync("data-located"));
        // The quote is where the analyst's eyes go: focused and inside the visible part of the text box.
        Assert.True(await marks.First.EvaluateAsync<bool>("m => document.activeElement === m"), "the first quote mark should have focus");
        Assert.True(await marks.First.EvaluateAsync<bool>("""
            m => { const r = m.getBoundingClientRect(), box = m.closest('.source-text').getBoundingClientRect();
                   return r.top >= box.top && r.bottom <= box.bottom && r.bottom <= innerHeight && r.top >= 0; }
            """), "the quote mark should be scrolled into view");
        // The text is highlighted, not just wrapped: the mark's background differs from the text around it.
        Assert.NotEqual(
            await marks.First.EvaluateAsync<string>("m => getComputedStyle(m).backgroundColor"),
            await text.EvaluateAsync<string>("t => getComputedStyle(t).backgroundColor"));
        Assert.Contains(trace["confidenceInWords"]!.GetValue<string>().Split(',')[0], await analyst.Page.Locator("#claim-confidence-words").InnerTextAsync());
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task Latin_flight_number_and_registration_inside_the_arabic_quote_are_isolated_and_read_left_to_right()
    {
        const string Claim = "c000-26";
        var trace = await web.Server.GetJsonAsync($"/api/claims/{Claim}/trace");
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync($"?claim={Claim}");
        await analyst.WaitForClaimPanelAsync(Claim);

        foreach (var code in new[] { "AZQ-4622", "4K-AZ101" })
        {
            var isolated = analyst.Page.Locator("#claim-body .source-text mark.quote bdi.latin", new() { HasTextString = code });
            Assert.Equal(1, await isolated.CountAsync());
            Assert.Equal(code, await isolated.TextContentAsync());
            Assert.Equal("ltr", await isolated.GetAttributeAsync("dir"));
            Assert.Equal("isolate", await isolated.EvaluateAsync<string>("b => getComputedStyle(b).unicodeBidi"));
            // Isolated, the code is laid out as one left-to-right run: a single box, its first character on the left.
            Assert.True(await isolated.EvaluateAsync<bool>("""
                b => { const range = document.createRange(); const text = b.firstChild;
                       range.setStart(text, 0); range.setEnd(text, 1); const first = range.getBoundingClientRect();
                       range.setStart(text, text.length - 1); range.setEnd(text, text.length); const last = range.getBoundingClientRect();
                       return b.getClientRects().length === 1 && first.left < last.left; }
                """), $"{code} should render as one left-to-right run");
        }
        var quotes = trace["quotes"]!.AsArray().Select(q => q!["text"]!.GetValue<string>()).ToList();
        var marked = await analyst.Page.Locator("#claim-body .source-text mark.quote").EvaluateAllAsync<string[]>(
            "marks => [...new Set(marks.map(m => m.dataset.quoteIndex))].map(i => marks.filter(m => m.dataset.quoteIndex === i).map(m => m.textContent).join(''))");
        Assert.Equal(quotes, marked);
        Assert.Contains("AZQ-4622", await analyst.Page.Locator("#claim-title").InnerTextAsync());
        await analyst.Page.CloseAsync();
    }

    private static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public async Task The_claim_panel_shows_the_attribution_chain_grades_in_words_and_the_recording_history()
    {
        var trace = await web.Server.GetJsonAsync("/api/claims/c002-14/trace");
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync("?claim=c002-14");
        await analyst.WaitForClaimPanelAsync("c002-14");

        var chain = await analyst.Page.Locator("#claim-body .chain li").AllInnerTextsAsync();
        var expectedChain = trace["attribution"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(expectedChain.Count, chain.Count);
        Assert.All(expectedChain.Zip(chain), pair => Assert.Contains(pair.First, pair.Second));
        var words = await analyst.Page.Locator("#claim-confidence-words").InnerTextAsync();
        Assert.Contains("fairly reliable", words);
        Assert.Contains("confirmed by other sources", words);
        var history = await analyst.Page.Locator("#claim-history li").AllInnerTextsAsync();
        Assert.Equal(trace["events"]!.AsArray().Count, history.Count);
        Assert.Contains(history, line => line.Contains("claim-recorded", StringComparison.Ordinal));
        await analyst.Page.CloseAsync();
    }
}
