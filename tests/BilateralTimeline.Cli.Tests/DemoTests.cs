using System.Security.Cryptography;
using System.Text;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// bt demo over a samples folder made from the fixture (source text in its own file, with its SHA-256),
/// so the test depends neither on the curated samples nor on the user's data folder.
/// </summary>
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_imports_the_samples_shows_timeline_and_state_and_verifies()
    {
        using var bt = new BtSandbox();
        var samples = WriteSamples(bt);

        var run = await bt.BtRaw("demo", "--samples", samples);

        Assert.True(run.ExitCode == 0, run.ToString());
        // Without --db the demo keeps its own store in the data folder, which the sandbox points at.
        var demoDb = Path.Combine(bt.Folder, ".local", "share", "bilateral-timeline", "demo.db");
        Assert.Contains($"store: {demoDb}", run.Stderr);
        Assert.True(File.Exists(demoDb));
        Assert.Contains("events appended to AZE-IRN", run.Stderr);
        Assert.Contains(Fixture.AttackTitle, run.Stdout);
        Assert.Contains("Relationship AZE-IRN as of 2023-02-01", run.Stdout);
        Assert.Contains("Relationship AZE-IRN as of 2024-02-01", run.Stdout);
        Assert.Contains("verify: OK", run.Stdout);
    }

    [Fact]
    public async Task Demo_run_twice_on_one_store_adds_nothing_the_second_time()
    {
        using var bt = new BtSandbox();
        var samples = WriteSamples(bt);
        var first = await bt.Bt("demo", "--samples", samples);
        Assert.True(first.ExitCode == 0, first.ToString());
        var events = (await bt.Events()).ToJsonString();

        var second = await bt.Bt("demo", "--samples", samples);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("already recorded", second.Stderr);
        Assert.Equal(events, (await bt.Events()).ToJsonString());
    }

    [Fact]
    public async Task Demo_without_a_samples_folder_exits_2_naming_it()
    {
        using var bt = new BtSandbox();
        var missing = bt.PathOf("no-samples-here");

        var run = await bt.Bt("demo", "--samples", missing);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(missing, run.Stderr);
    }

    private static string WriteSamples(BtSandbox bt)
    {
        var folder = Directory.CreateDirectory(bt.PathOf("samples")).FullName;
        File.WriteAllText(Path.Combine(folder, "article.txt"), Fixture.Text);
        var document = Fixture.Document("a", textFile: "article.txt");
        document["sources"]![0]!["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Fixture.Text)));
        File.WriteAllText(Path.Combine(folder, "000-article.claims.json"), document.ToJsonString());
        return folder;
    }
}
