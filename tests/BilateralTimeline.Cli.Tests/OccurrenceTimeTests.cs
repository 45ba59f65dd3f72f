using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Issue 14's crash example through bt itself: an article's "last month" (May or June 2024), then a
/// source with the exact day and a weak one a month later. The timeline must show the day, not the union.
/// </summary>
public sealed class OccurrenceTimeTests
{
    private const string Crash = "occ-2024-05-raisi-helicopter-crash";

    private const string Text = "The president's helicopter came down in fog on the way back from the dams.";

    [Fact]
    public async Task The_crash_dated_to_the_day_by_a_later_source_shows_that_day_and_the_readings_it_set_aside()
    {
        using var bt = new BtSandbox();
        var first = bt.WriteFile("first.claims.json", Article(("c-1", null, "B", 2, [("2024-05-01", "2024-05-31", "month"), ("2024-06-01", "2024-06-30", "month")])));
        var second = bt.WriteFile("second.claims.json", Article(("c-2", "IRNA", "A", 1, [("2024-05-19", "2024-05-19", "day")]), ("c-3", null, "E", 5, [("2024-06-19", "2024-06-19", "day")])));
        Assert.Equal(0, (await bt.Bt("import", first, "--by", "tester")).ExitCode);
        Assert.Equal(0, (await bt.Bt("import", second, "--by", "tester")).ExitCode);

        var timeline = await bt.Bt("timeline", "--as-of", "2024-12-31");
        var json = JsonNode.Parse((await bt.Bt("timeline", "--as-of", "2024-12-31", "--format", "json")).Stdout)!;
        var explain = await bt.Bt("explain", Crash, "--as-of", "2024-12-31");

        Assert.True(timeline.ExitCode == 0, timeline.ToString());
        Assert.Contains("2024-05-19", timeline.Stdout);
        Assert.Contains("2 reading(s) set aside", timeline.Stdout);
        // It was "2024-05-01..2024-05-31 | 2024-06-01..2024-06-30 | 2024-05-19 | 2024-06-19".
        var item = json["items"]!.AsArray().Single()!;
        Assert.Equal("2024-05-19", item["when"]!.GetValue<string>());
        Assert.Contains(item["findings"]!.AsArray(), f => f!.GetValue<string>().StartsWith("c-3 reads 2024-06-19, set aside", StringComparison.Ordinal));
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Contains("time, judged from the claims:", explain.Stdout);
        Assert.Contains("chosen: 2024-05-19, stated by c-2 and allowed by c-1, c-2 (support 153 from 2 origin(s))", explain.Stdout);
        Assert.Contains("set aside: c-3 2024-06-19: does not contain the chosen time", explain.Stdout);
    }

    private static JsonObject Article(params (string Id, string? Agency, string Reliability, int Credibility, (string From, string To, string Precision)[] Readings)[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["sources"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = "src-" + c.Id, ["outlet"] = "Outlet of " + c.Id, ["language"] = "en", ["title"] = "Helicopter crash", ["text"] = Text,
        }).ToArray()),
        ["occurrences"] = new JsonArray(new JsonObject { ["id"] = Crash, ["title"] = "Raisi's helicopter crashes on the way back from the dams" }),
        ["claims"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["source"] = "src-" + c.Id,
            ["occurrence"] = Crash,
            ["kind"] = "accident",
            ["summary"] = $"The helicopter came down ({c.Id})",
            ["modality"] = "asserted",
            ["occurred"] = new JsonObject
            {
                ["candidates"] = new JsonArray(c.Readings.Select(r => (JsonNode)new JsonObject { ["from"] = r.From, ["to"] = r.To, ["precision"] = r.Precision, ["method"] = "explicit" }).ToArray()),
            },
            ["attribution"] = c.Agency is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["name"] = "Outlet of " + c.Id, ["kind"] = "source" }, new JsonObject { ["name"] = c.Agency, ["kind"] = "agency" }),
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = Text.Length, ["text"] = Text }),
            ["confidence"] = new JsonObject { ["reliability"] = c.Reliability, ["credibility"] = c.Credibility },
        }).ToArray()),
    };
}
