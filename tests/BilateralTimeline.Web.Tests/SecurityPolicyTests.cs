using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

/// <summary>The page works under its own Content-Security-Policy: the browser refuses nothing it needs.</summary>
[Collection(WebCollection.Name)]
public sealed class SecurityPolicyTests(WebFixture web)
{
    [Fact]
    public async Task The_page_is_served_under_a_strict_policy_and_the_browser_reports_no_violation()
    {
        var page = await web.NewPageAsync();
        // Injected by the browser before the page's own scripts, outside the page's policy.
        await page.AddInitScriptAsync("""
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
            """);
        var analyst = new AnalystPage(page, web.Server.Address);

        var response = await page.GotoAsync(new Uri(web.Server.Address, "/").ToString());
        await page.WaitForSelectorAsync("body[data-loaded='true']");
        await page.WaitForSelectorAsync("#state-body[data-state='ready']");
        await analyst.MoveAsOfAsync("2023-03-01");
        await page.Locator("#moved-by button[data-claim-id]").First.ClickAsync();
        await page.WaitForSelectorAsync("#claim-panel[data-state='ready']");
        // Enter in a control must not submit the controls form (its inline onsubmit is gone; a listener does it).
        await page.Locator("#as-of-date").PressAsync("Enter");
        Assert.Equal("2023-03-01", await page.Locator("#state-body").GetAttributeAsync("data-as-of"));

        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
        // Colours set from data (legend swatches) still apply: through the CSSOM, not refused style attributes.
        var swatches = await page.Locator(".legend .legend-kinds .swatch").EvaluateAllAsync<string[]>("all => all.map(e => getComputedStyle(e).backgroundColor)");
        Assert.True(swatches.Distinct().Count() > 1, $"the legend's kind colours were not applied: {string.Join(", ", swatches)}");
        await page.CloseAsync();
    }
}
