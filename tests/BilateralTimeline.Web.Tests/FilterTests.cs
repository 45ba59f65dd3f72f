using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class FilterTests(WebFixture web)
{
    [Fact]
    public async Task Source_and_minimum_confidence_filters_keep_exactly_the_items_with_a_claim_passing_both()
    {
        const string Source = "src-002-joint-exercise";
        const int Minimum = 50;
        var timeline = await web.Server.GetJsonAsync("/api/timeline");
        var expected = timeline["items"]!.AsArray()
            .Where(i => i!["when"]!.GetValue<string>() != "unknown")
            .Where(i => i!["claims"]!.AsArray().Any(c => c!["sourceId"]!.GetValue<string>() == Source && c["confidenceScore"]!.GetValue<int>() >= Minimum))
            .Select(i => i!["id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)
            .ToList();
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync("?window=all");
        var all = await analyst.ItemIdsAsync();

        await analyst.Page.Locator("#filter-source").SelectOptionAsync(Source);
        await analyst.Page.Locator("#filter-confidence").FillAsync(Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var shown = (await analyst.ItemIdsAsync()).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count, "the filters should hide something in the sample");
        Assert.Equal(expected, shown);
        Assert.Contains($"source={Source}", analyst.Page.Url);
        Assert.Contains($"minConfidence={Minimum}", analyst.Page.Url);
        await analyst.Page.CloseAsync();
    }
}
