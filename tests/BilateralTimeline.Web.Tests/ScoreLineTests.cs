using System.Globalization;
using System.Text.RegularExpressions;
using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed partial class ScoreLineTests(WebFixture web)
{
    [Fact]
    public async Task The_score_line_joins_the_apis_score_at_each_sampled_day_with_straight_segments_and_no_cliffs()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync();
        await analyst.Page.WaitForSelectorAsync(".score-line");

        var path = await analyst.Page.Locator(".score-line").GetAttributeAsync("d");
        var titles = await analyst.Page.Locator(".score-point title").AllTextContentsAsync();

        // A step line (H…V…) would draw a cliff at every interval's first day, which the scoring rule no longer has.
        Assert.Matches("^M[0-9.,-]+(L[0-9.,-]+)+$", path!);
        Assert.NotEmpty(titles);
        foreach (var title in titles.Where(t => !t.Contains(": null", StringComparison.Ordinal)).Take(12))
        {
            var point = Point().Match(title);
            Assert.True(point.Success, title);
            var day = DateOnly.ParseExact(point.Groups["day"].Value, "d MMM yyyy", CultureInfo.InvariantCulture);
            var state = await web.Server.GetJsonAsync($"/api/state?asOf={day:yyyy-MM-dd}");
            Assert.Equal(state["score"]!.GetValue<double>(), double.Parse(point.Groups["score"].Value, CultureInfo.InvariantCulture));
        }
        await analyst.Page.CloseAsync();
    }

    [GeneratedRegex(@"^(?<day>\d{1,2} [A-Z][a-z]{2} \d{4}): (?<score>-?[0-9.]+) \(")]
    private static partial Regex Point();
}
