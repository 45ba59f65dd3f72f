using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

/// <summary>
/// The review page, driven as an analyst would: paste an Arabic article, draft it, judge every proposal,
/// record; the ledger then holds exactly what the analyst accepted, as they edited it.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ReviewPageTests(WebFixture web)
{
    // A dyad the sample store has nothing in, so everything read back came from this review.
    private const string Dyad = "ARM-IRN";

    [Fact]
    public async Task An_analyst_drafts_an_arabic_article_rejects_one_edits_one_and_records_the_accepted_claims_in_one_import()
    {
        await using var server = await BtServer.StartAsync();
        var key = await server.CreateAnalystKeyAsync();
        var article = await File.ReadAllTextAsync(Path.Combine(SampleStore.SamplesFolder, "000_cd1806717cd210fd.txt"));
        var page = await web.NewPageAsync();
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        await page.GotoAsync(new Uri(server.Address, "/review.html").ToString());
        await page.WaitForSelectorAsync("body[data-loaded='true']");

        await page.GetByLabel("Analyst API key").FillAsync(key);
        await page.Locator("#article").FillAsync(article);
        await page.Locator("#published").FillAsync("2024-01-24");
        await page.Locator("#dyad").FillAsync(Dyad);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Draft" }).ClickAsync();
        await page.WaitForSelectorAsync("#review-status[data-state='drafted']");

        Assert.Equal("rtl", await page.Locator("#review-text").GetAttributeAsync("dir"));
        Assert.True(await page.Locator("#review-text mark.quote").CountAsync() > 10, "the proposals' quotes are not highlighted in the text");
        var proposals = page.Locator("#proposals li.proposal");
        var ids = await proposals.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.claimId)");
        Assert.True(ids.Length > 3, $"too few proposals to review: {ids.Length}");
        var rejected = ids[1];
        var edited = ids[2];
        var draftedKind = await proposals.Nth(2).Locator("select.kind").InputValueAsync();
        var newKind = draftedKind == "assessment" ? "statement" : "assessment";

        await new AnalystPage(page, server.Address).ScreenshotAsync("review-drafted.png");
        await proposals.Nth(1).Locator("button.reject").ClickAsync();
        await proposals.Nth(2).Locator("select.kind").SelectOptionAsync(newKind);
        for (var i = 0; i < ids.Length; i++)
        {
            if (i != 1)
            {
                await proposals.Nth(i).Locator("button.accept").ClickAsync();
            }
        }
        await page.Locator("#record-button").ClickAsync();
        await page.WaitForSelectorAsync("#review-status[data-state='recorded']", new() { Timeout = 60_000 });

        server.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var sources = (await server.GetJsonAsync($"/api/sources?dyad={Dyad}"))["sources"]!.AsArray();
        var source = Assert.Single(sources)!;
        Assert.Equal(article.Length, (int)source["textLength"]!);
        var claims = source["claims"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(ids.Where(id => id != rejected).Order(StringComparer.Ordinal), claims.Select(c => (string)c["claimId"]!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(claims, c => (string?)c["claimId"] == rejected);
        Assert.Equal(newKind, (string?)claims.Single(c => (string?)c["claimId"] == edited)["kind"]);
        var trace = (await server.GetJsonAsync($"/api/claims/{edited}/trace?dyad={Dyad}")).ToJsonString();
        Assert.Contains("reviewed by the analyst on the review page", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("are proposals", trace, StringComparison.Ordinal);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
        await page.CloseAsync();
    }
}
