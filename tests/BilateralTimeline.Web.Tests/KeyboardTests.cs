using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class KeyboardTests(WebFixture web)
{
    [Fact]
    public async Task Arrow_keys_move_between_bars_enter_opens_the_claim_and_escape_returns_focus_to_the_bar()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync("?asOf=2023-03-01");
        var bars = analyst.Page.Locator("#timeline g.item");
        var ids = await analyst.ItemIdsAsync();

        await bars.First.FocusAsync();
        await analyst.Page.Keyboard.PressAsync("ArrowRight");
        var focused = await analyst.Page.EvaluateAsync<string>("() => document.activeElement.dataset.itemId");
        Assert.Equal(ids[1], focused);
        await analyst.Page.Keyboard.PressAsync("Enter");
        await analyst.Page.WaitForSelectorAsync("#claim-panel[data-state='ready']");
        var claimIds = (await bars.Nth(1).GetAttributeAsync("data-claim-ids"))!.Split(' ');
        Assert.Contains(await analyst.Page.Locator("#claim-panel").GetAttributeAsync("data-claim-id"), claimIds);
        Assert.Contains("claim=", analyst.Page.Url);

        await analyst.Page.Keyboard.PressAsync("Escape");

        Assert.True(await analyst.Page.Locator("#claim-panel").IsHiddenAsync());
        Assert.Equal(ids[1], await analyst.Page.EvaluateAsync<string>("() => document.activeElement.dataset.itemId"));
        Assert.DoesNotContain("claim=", analyst.Page.Url);
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task Every_control_has_a_label_and_every_bar_a_spoken_description()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync();

        var unlabelled = await analyst.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, button')]
                .filter(c => !c.closest('[hidden]'))
                .filter(c => !(c.labels?.length || c.getAttribute('aria-label') || c.textContent.trim()))
                .map(c => c.id || c.outerHTML.slice(0, 60))
            """);
        Assert.Empty(unlabelled);
        var descriptions = await analyst.Page.Locator("#timeline g.item").EvaluateAllAsync<string[]>("marks => marks.map(m => m.getAttribute('aria-label') ?? '')");
        Assert.All(descriptions, d => Assert.Contains("confidence", d));
        Assert.All(await analyst.Page.Locator("#timeline g.item").EvaluateAllAsync<string[]>("marks => marks.map(m => m.getAttribute('tabindex'))"), t => Assert.Equal("0", t));
        await analyst.Page.CloseAsync();
    }
}
