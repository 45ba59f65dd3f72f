using System.Globalization;
using Microsoft.Playwright;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>What the state panel shows, read from the page as a user would see it.</summary>
public sealed record StatePanel(string AsOf, double Score, string Band, string InForce, string MovedBy);

/// <summary>The analyst page as a test drives it: through its controls, waiting for what it renders.</summary>
public sealed class AnalystPage(IPage page, Uri server)
{
    public IPage Page { get; } = page;

    public async Task OpenAsync(string query = "")
    {
        await Page.GotoAsync(new Uri(server, "/" + query).ToString());
        await Page.WaitForSelectorAsync("body[data-loaded='true']");
        await Page.WaitForSelectorAsync("#state-body[data-state='ready']");
    }

    /// <summary>The as-of slider counts days since 1970-01-01 (UTC); moving it is one input event.</summary>
    public static long SliderValue(string isoDate) =>
        (long)(DateTime.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture) - DateTime.UnixEpoch).TotalDays;

    public async Task MoveAsOfAsync(string isoDate)
    {
        await Page.Locator("#as-of").FillAsync(SliderValue(isoDate).ToString(CultureInfo.InvariantCulture));
        await Page.WaitForSelectorAsync($"#state-body[data-as-of='{isoDate}']");
        await Page.WaitForSelectorAsync($"#timeline[data-state='ready'][data-as-of='{isoDate}']");
    }

    public async Task<StatePanel> ReadStateAsync()
    {
        var body = Page.Locator("#state-body");
        return new StatePanel(
            await body.GetAttributeAsync("data-as-of") ?? "",
            double.Parse(await body.GetAttributeAsync("data-score") ?? "NaN", CultureInfo.InvariantCulture),
            await Page.Locator("#state-band").InnerTextAsync(),
            await Page.Locator("#in-force").InnerTextAsync(),
            await Page.Locator("#moved-by").InnerTextAsync());
    }

    public async Task<IReadOnlyList<string>> ItemIdsAsync() =>
        await Page.Locator("#timeline g.item").EvaluateAllAsync<string[]>("marks => marks.map(m => m.dataset.itemId)");

    public async Task WaitForClaimPanelAsync(string claimId) =>
        await Page.WaitForSelectorAsync($"#claim-panel[data-claim-id='{claimId}'][data-state='ready']");

    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(WebFixture.ScreenshotFolder, name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        Assert.True(new FileInfo(path).Length > 10_000, $"screenshot {path} is suspiciously small");
    }
}
