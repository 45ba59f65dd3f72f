using System.Text.Json.Nodes;
using BilateralTimeline.Web.Tests.Support;

namespace BilateralTimeline.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class AsOfSliderTests(WebFixture web)
{
    // The sample dates the attack on the Azerbaijani embassy (27 January 2023 in the public record) only
    // to "January 2023", so "before" is the last day of 2022 and "after" a day past both the attack's month
    // and the closure's interval (January–February 2023).
    private const string BeforeAttack = "2022-12-31";
    private const string AfterAttack = "2023-03-01";
    private const string Attack = "occ-2023-01-attack-aze-embassy-tehran";
    private const string Embassy = "embassy:AZE@Tehran";

    [Fact]
    public async Task Moving_the_as_of_slider_across_the_embassy_attack_changes_the_state_panel_as_the_api_does()
    {
        var apiBefore = await web.Server.GetJsonAsync($"/api/state?asOf={BeforeAttack}");
        var apiAfter = await web.Server.GetJsonAsync($"/api/state?asOf={AfterAttack}");
        var attackTitle = Title(apiAfter, Attack);
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync();

        await analyst.MoveAsOfAsync(BeforeAttack);
        var before = await analyst.ReadStateAsync();
        var itemsBefore = await analyst.ItemIdsAsync();
        await analyst.MoveAsOfAsync(AfterAttack);
        var after = await analyst.ReadStateAsync();
        var itemsAfter = await analyst.ItemIdsAsync();

        Assert.Equal(apiBefore["score"]!.GetValue<double>(), before.Score);
        Assert.Equal(apiAfter["score"]!.GetValue<double>(), after.Score);
        Assert.NotEqual(before.Score, after.Score);
        Assert.Equal(apiBefore["band"]!.GetValue<string>(), before.Band, ignoreCase: true);
        Assert.Equal(apiAfter["band"]!.GetValue<string>(), after.Band, ignoreCase: true);
        Assert.DoesNotContain(Embassy, before.InForce);
        Assert.Contains(Embassy, after.InForce);
        Assert.Contains("closed", after.InForce);
        Assert.DoesNotContain(attackTitle, before.MovedBy);
        Assert.Contains(attackTitle, after.MovedBy);
        Assert.DoesNotContain(Attack, itemsBefore);
        Assert.Contains(Attack, itemsAfter);
        Assert.Contains($"asOf={AfterAttack}", analyst.Page.Url);
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task A_shared_address_reopens_the_same_as_of_date_filters_and_slider_position()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);

        await analyst.OpenAsync($"?asOf={AfterAttack}&kind=assault");

        Assert.Equal(AnalystPage.SliderValue(AfterAttack).ToString(System.Globalization.CultureInfo.InvariantCulture), await analyst.Page.Locator("#as-of").InputValueAsync());
        Assert.Equal(AfterAttack, (await analyst.ReadStateAsync()).AsOf);
        Assert.Equal("assault", await analyst.Page.Locator("#filter-kind").InputValueAsync());
        var kinds = await analyst.Page.Locator("#timeline g.item").EvaluateAllAsync<string[]>("marks => marks.map(m => m.dataset.kind)");
        Assert.NotEmpty(kinds);
        Assert.All(kinds, kind => Assert.Equal("assault", kind));
        await analyst.Page.CloseAsync();
    }

    [Fact]
    public async Task The_known_at_slider_at_the_first_recording_shows_only_the_first_article()
    {
        var analyst = new AnalystPage(await web.NewPageAsync(), web.Server.Address);
        await analyst.OpenAsync();
        // The slider's stops arrive with the live stream's catch-up: one per recording time (one per imported article).
        await analyst.Page.WaitForFunctionAsync("() => Number(document.querySelector('#known-at').max) >= 2");
        var everything = await analyst.ItemIdsAsync();

        await analyst.Page.Locator("#known-at").FillAsync("0");
        await analyst.Page.WaitForSelectorAsync("#state-body:not([data-known-at='now'])");
        await analyst.Page.WaitForFunctionAsync("() => document.querySelector('#timeline').dataset.state === 'ready'");
        var knownAt = await analyst.Page.Locator("#state-body").GetAttributeAsync("data-known-at");
        var apiTimeline = await web.Server.GetJsonAsync($"/api/timeline?knownAt={Uri.EscapeDataString(knownAt!)}");
        var expected = apiTimeline["items"]!.AsArray().Where(i => i!["when"]!.GetValue<string>() != "unknown").Select(i => i!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        var shown = (await analyst.ItemIdsAsync()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, shown);
        Assert.True(shown.Count < everything.Count, $"known at the first recording ({knownAt}) should show fewer occurrences than now");
        Assert.Contains("knownAt=", analyst.Page.Url);
        await analyst.Page.CloseAsync();
    }

    private static string Title(JsonObject state, string entryId) =>
        state["movedBy"]!.AsArray().Single(m => m!["entryId"]!.GetValue<string>() == entryId)!["title"]!.GetValue<string>();
}
