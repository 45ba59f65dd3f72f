using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt actors over the curated seed samples: the helicopter crash ends the president's tenure.</summary>
public sealed class ActorTests
{
    [Fact]
    public async Task Actors_on_the_seed_samples_show_the_presidents_tenure_ending_with_the_crash_claim()
    {
        using var bt = new BtSandbox();
        var demo = await bt.Bt("demo", "--samples", Samples.Folder());
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var run = await bt.Bt("actors", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var view = JsonNode.Parse(run.Stdout)!;
        var president = view["offices"]!.AsArray().Single(o => o!["key"]!.GetValue<string>() == "IRN president")!;
        var raisi = president["holders"]!.AsArray().Single(h => h!["holder"]!.GetValue<string>() == "Ebrahim Raisi")!;
        var ended = raisi["ended"]!;
        Assert.Equal("c002-23", ended["claimId"]!.GetValue<string>());
        var earliest = DateOnly.Parse(ended["earliest"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var latest = DateOnly.Parse(ended["latest"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(earliest >= new DateOnly(2024, 5, 1) && latest <= new DateOnly(2024, 6, 30), $"{earliest}..{latest}");
        Assert.Contains("c002-23", raisi["claimIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains("President of Iran", raisi["titlesSeen"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Actors_table_lists_offices_and_the_tenure_findings_line()
    {
        using var bt = new BtSandbox();
        await bt.Bt("demo", "--samples", Samples.Folder());

        var run = await bt.Bt("actors", "--as-of", "2024-12-31");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("IRN president", run.Stdout);
        Assert.Contains("Ebrahim Raisi", run.Stdout);
        Assert.Contains("finding", run.Stdout);
    }
}
