using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

/// <summary>The main views at desktop and phone size, saved under the test output's screenshots folder.</summary>
[Collection(WebCollection.Name)]
public sealed class ScreenshotTests(WebFixture web)
{
    [Fact]
    public async Task Desktop_views_fit_1280_by_800_and_are_saved()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(Viewports.Desktop), web.Server.Address);
        await analyst.OpenAsync("?asOf=2023-03-01");
        await analyst.Page.WaitForSelectorAsync("#timeline[data-scores]");

        await AssertNoHorizontalScrollAsync(analyst, Viewports.Desktop.Width);
        await analyst.ScreenshotAsync("desktop-timeline-as-of-2023-03-01.png");

        await analyst.Page.Locator("#moved-by button.claim-link").First.ClickAsync();
        await analyst.Page.WaitForSelectorAsync("#claim-panel[data-state='ready']");
        await analyst.ScreenshotAsync("desktop-claim-quote-in-source.png");

        await analyst.OpenAsync("?asOf=2023-03-01&window=2022");
        await analyst.Page.WaitForSelectorAsync("#timeline[data-scores]");
        await analyst.ScreenshotAsync("desktop-timeline-2022-onward.png");

        await analyst.OpenAsync("?claim=c000-26&window=2022");
        await analyst.WaitForClaimPanelAsync("c000-26");
        await analyst.Page.Locator("#claim-body .to-quote").First.ClickAsync();
        await analyst.ScreenshotAsync("desktop-claim-latin-codes-in-arabic.png");
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task Phone_views_fit_390_wide_without_sideways_scrolling_and_are_saved()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(Viewports.Phone), web.Server.Address);
        await analyst.OpenAsync("?asOf=2023-03-01");
        await analyst.Page.WaitForSelectorAsync("#timeline[data-scores]");

        await AssertNoHorizontalScrollAsync(analyst, Viewports.Phone.Width);
        await analyst.ScreenshotAsync("phone-controls.png");
        await analyst.Page.Locator("#timeline-region").ScrollIntoViewIfNeededAsync();
        await analyst.ScreenshotAsync("phone-timeline.png");

        await analyst.Page.Locator("#moved-by button.claim-link").First.ClickAsync();
        await analyst.Page.WaitForSelectorAsync("#claim-panel[data-state='ready']");
        var panel = await analyst.Page.Locator("#claim-panel").BoundingBoxAsync();
        Assert.NotNull(panel);
        Assert.True(panel.X >= 0 && panel.Width <= Viewports.Phone.Width, $"the claim panel should fill the phone's width, not overflow it: {panel.X}+{panel.Width}");
        await analyst.ScreenshotAsync("phone-claim-quote-in-source.png");
        await analyst.Page.CloseAsync();
    }

    private static async Task AssertNoHorizontalScrollAsync(AnalystPage analyst, int width)
    {
        var scrollWidth = await analyst.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page is {scrollWidth}px wide at a {width}px viewport");
    }
}
