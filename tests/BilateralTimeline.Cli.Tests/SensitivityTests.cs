using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt state, timeline and diff with the sensitivity replay's options, and bt sensitivity, on the shipped samples.</summary>
public sealed class SensitivityTests
{
    private const string Visit = "000-hasanov-visit.claims.json";
    private const string Exercise = "002-joint-exercise.claims.json";

    [Fact]
    public async Task State_and_timeline_without_an_article_equal_those_of_a_store_that_never_imported_it()
    {
        // Given both articles in one store, and only the first in another
        using var both = new BtSandbox();
        using var first = new BtSandbox();
        Assert.Equal(0, (await both.Bt("import", Path.Combine(Samples.Folder(), Visit), Path.Combine(Samples.Folder(), Exercise))).ExitCode);
        Assert.Equal(0, (await first.Bt("import", Path.Combine(Samples.Folder(), Visit))).ExitCode);

        foreach (var query in new[] { "state", "timeline" })
        {
            // When
            var replay = await both.Bt(query, "--as-of", "2023-02-01", "--without-source", "src-002-joint-exercise", "--format", "json");
            var plain = await first.Bt(query, "--as-of", "2023-02-01", "--format", "json");
            var unfiltered = await both.Bt(query, "--as-of", "2023-02-01", "--format", "json");

            // Then (the first article's events hold the same positions in both stores)
            Assert.True(replay.ExitCode == 0, replay.ToString());
            Assert.True(JsonNode.DeepEquals(WithoutEventIds(plain.Stdout), WithoutEventIds(replay.Stdout)), $"{query}:\n{plain.Stdout}\n---\n{replay.Stdout}");
            Assert.False(JsonNode.DeepEquals(WithoutEventIds(unfiltered.Stdout), WithoutEventIds(replay.Stdout)), $"{query}: the replay changed nothing");
        }
    }

    [Fact]
    public async Task Sensitivity_shows_the_baseline_and_ranks_first_what_moves_the_band()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(Samples.Folder(), Visit), Path.Combine(Samples.Folder(), Exercise))).ExitCode);

        var json = await bt.Bt("sensitivity", "--as-of", "2023-02-01", "--format", "json");
        var table = await bt.Bt("sensitivity", "--as-of", "2023-02-01");
        var state = JsonNode.Parse((await bt.Bt("state", "--as-of", "2023-02-01", "--format", "json")).Stdout)!;

        Assert.True(json.ExitCode == 0, json.ToString());
        var report = JsonNode.Parse(json.Stdout)!;
        Assert.Equal((double?)state["score"], (double?)report["baselineScore"]);
        var top = report["rows"]![0]!;
        Assert.True((bool)top["bandChanged"]!, json.Stdout);
        var replay = JsonNode.Parse((await bt.Bt("state", "--as-of", "2023-02-01", (string)top["without"]! == "source" ? "--without-source" : "--without-origin", (string)top["name"]!, "--format", "json")).Stdout)!;
        Assert.Equal((double?)replay["score"], (double?)top["score"]);
        Assert.Equal((string?)replay["band"], (string?)top["band"]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"baseline: score {(double)state["score"]!:+0.00;-0.00} {(string)state["band"]!}", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"(was {(string)state["band"]!})", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_diff_and_a_table_under_a_replay_say_what_they_leave_out()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(Samples.Folder(), Visit))).ExitCode);
        var middle = (await bt.Events())[^1]!["recorded"]!.GetValue<string>();
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(Samples.Folder(), Exercise))).ExitCode);

        var diff = await bt.Bt("diff", "--known-at", middle, "--known-at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), "--as-of", "2023-02-01", "--min-reliability", "C", "--format", "json");
        var table = await bt.Bt("state", "--as-of", "2023-02-01", "--min-reliability", "C", "--without-origin", "al-monitor");

        Assert.True(diff.ExitCode == 0, diff.ToString());
        var claims = JsonNode.Parse(diff.Stdout)!["claims"]!.AsArray().Select(c => (string)c!["claimId"]!).ToList();
        // Article 000 is graded F (cannot be judged), below C: the replay never had it; 002 (C) arrived between the two times.
        Assert.NotEmpty(claims);
        Assert.All(claims, id => Assert.StartsWith("c002-", id, StringComparison.Ordinal));
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("sensitivity replay: without origin al-monitor, claims less reliable than C", table.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--min-reliability", "G", "minReliability", "e.g. C (--min-reliability)")]
    [InlineData("--min-credibility", "seven", "minCredibility", "e.g. 3 (--min-credibility)")]
    [InlineData("--without-source", "src-typo", "withoutSource", "bt sources")]
    [InlineData("--without-origin", "Nobody", "withoutOrigin", "bt sensitivity")]
    public async Task Bad_replay_options_exit_2_naming_the_option_and_the_fix(string option, string value, string field, string fix)
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(Samples.Folder(), Visit))).ExitCode);

        var run = await bt.Bt("timeline", option, value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{field}: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(fix, run.Stderr, StringComparison.Ordinal);
    }

    private static JsonNode WithoutEventIds(string json)
    {
        var node = JsonNode.Parse(json)!;
        Strip(node);
        return node;

        static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    o.Remove("eventId");
                    foreach (var (_, value) in o.ToList())
                    {
                        Strip(value);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Strip(item);
                    }
                    break;
            }
        }
    }
}
