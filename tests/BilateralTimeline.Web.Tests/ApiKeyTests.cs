using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ApiKeyTests(WebFixture web)
{
    [Fact]
    public async Task Without_public_reads_the_page_asks_for_a_key_then_shows_the_ledger_and_follows_the_stream_with_it()
    {
        await using var server = await BtServer.StartAsync(publicRead: false);
        var key = await server.CreateKeyAsync("auditor");
        var page = await web.NewPageAsync();

        await page.GotoAsync(server.Address.ToString());
        var form = page.Locator("#key-form");
        await form.WaitForAsync();
        Assert.Equal(0, await page.Locator("#timeline g.item").CountAsync());

        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Use this key" }).ClickAsync();

        await page.WaitForSelectorAsync("body[data-loaded='true']");
        Assert.True(await form.IsHiddenAsync());
        Assert.True(await page.Locator("#timeline g.item").CountAsync() > 10);
        await page.WaitForSelectorAsync("#live-status[data-connected='true']");
        Assert.DoesNotContain(key, page.Url);
        await page.CloseAsync();
    }
}
