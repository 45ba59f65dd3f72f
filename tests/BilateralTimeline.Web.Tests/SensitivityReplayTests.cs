using System.Globalization;
using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class SensitivityReplayTests(WebFixture web)
{
    private const string AsOf = "2023-02-01";
    private const string Exercise = "src-002-joint-exercise";

    [Fact]
    public async Task Unticking_a_source_and_raising_the_minimum_credibility_re_ask_the_api_and_move_the_score()
    {
        var all = await web.Server.GetJsonAsync($"/api/state?asOf={AsOf}");
        var withoutExercise = await web.Server.GetJsonAsync($"/api/state?asOf={AsOf}&withoutSource={Exercise}");
        var alsoCredible = await web.Server.GetJsonAsync($"/api/state?asOf={AsOf}&withoutSource={Exercise}&minCredibility=2");
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync($"?asOf={AsOf}&window=all");
        var before = await analyst.ReadStateAsync();

        // When the analyst opens the list of sources and origins and unticks the exercise article
        await analyst.Page.Locator("#replay-lists > summary").ClickAsync();
        await analyst.Page.WaitForSelectorAsync("#replay[data-state='ready']");
        var box = analyst.Page.Locator($"#replay-sources input[data-name='{Exercise}']");
        Assert.True(await box.IsCheckedAsync(), "every source starts ticked (kept)");
        await box.UncheckAsync();
        await analyst.Page.WaitForSelectorAsync($"#state-body[data-score='{Raw(withoutExercise["score"]!.GetValue<double>())}']");
        var replayed = await analyst.ReadStateAsync();
        var claimSources = await analyst.Page.EvaluateAsync<string[]>("() => window.__bt.page.timeline.items.flatMap(i => i.claims.map(c => c.sourceId))");

        // And raises the minimum credibility to 2 (probably true)
        await analyst.Page.Locator("#min-credibility").SelectOptionAsync("2");
        await analyst.Page.WaitForSelectorAsync($"#state-body[data-score='{Raw(alsoCredible["score"]!.GetValue<double>())}']");
        var stricter = await analyst.ReadStateAsync();

        // Then the score is the API's for the same replay, the timeline lost the article's claims, and the address keeps the replay
        Assert.Equal(all["score"]!.GetValue<double>(), before.Score);
        Assert.Equal(withoutExercise["score"]!.GetValue<double>(), replayed.Score);
        Assert.NotEqual(before.Score, replayed.Score);
        Assert.Equal(withoutExercise["band"]!.GetValue<string>(), replayed.Band, ignoreCase: true);
        Assert.NotEmpty(claimSources);
        Assert.DoesNotContain(Exercise, claimSources);
        Assert.Equal(alsoCredible["score"]!.GetValue<double>(), stricter.Score);
        Assert.Contains($"withoutSource={Exercise}", analyst.Page.Url, StringComparison.Ordinal);
        Assert.Contains("minCredibility=2", analyst.Page.Url, StringComparison.Ordinal);
        Assert.Contains("this replay", await analyst.Page.Locator("#replay-baseline").InnerTextAsync(), StringComparison.Ordinal);
        // The score line follows the replay too, and days on which the replay has no scored claim leave no point.
        await analyst.Page.WaitForFunctionAsync("() => { const key = document.getElementById('timeline').dataset.scoreKey ?? ''; return key.includes('src-002-joint-exercise') && key.includes('\"2\"'); }");
        await analyst.Page.WaitForSelectorAsync("#timeline path.score-line", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        Assert.DoesNotContain("NaN", await analyst.Page.Locator("#timeline g.score").InnerHTMLAsync(), StringComparison.Ordinal);
        await analyst.ScreenshotAsync("desktop-sensitivity-replay.png");
        await analyst.Page.CloseAsync();
    }

    /// <summary>The score as the page writes it into data-score: JavaScript's shortest round-trip form.</summary>
    private static string Raw(double score) => score.ToString("R", CultureInfo.InvariantCulture);
}
