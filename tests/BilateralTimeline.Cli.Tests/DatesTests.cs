using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class DatesTests
{
    [Fact]
    public async Task The_visit_day_without_a_year_reads_as_the_years_in_which_it_was_a_monday()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("dates", "يوم الإثنين 22 كانون الثاني \\ يناير", "--published", "2024-01-24..2024-02-29", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var days = JsonNode.Parse(run.Stdout)!["candidates"]!.AsArray().Select(c => c!["from"]!.GetValue<string>()).ToList();
        Assert.Contains("2024-01-22", days);
        Assert.DoesNotContain("2022-01-22", days);
    }

    [Fact]
    public async Task An_unreadable_phrase_exits_1_and_keeps_the_phrase_with_a_finding()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("dates", "some day or other", "--language", "en", "--published", "2024-01-01", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var time = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("some day or other", time["phrase"]!.GetValue<string>());
        Assert.Empty(time["candidates"]!.AsArray());
        Assert.NotEmpty(time["findings"]!.AsArray());
    }

    [Fact]
    public async Task A_publication_window_that_ends_before_it_starts_exits_2()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("dates", "last week", "--published", "2024-02-01..2024-01-01");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--published", run.Stderr);
    }
}
