using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class SearchTests
{
    private static string Sample(string name) => Path.Combine(Samples.Folder(), name);

    [Fact]
    public async Task Search_finds_the_singular_for_a_plural_with_offsets_into_the_source_and_exits_0()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Sample("000-hasanov-visit.claims.json"), Sample("002-joint-exercise.claims.json"))).ExitCode);

        var run = await bt.Bt("search", "المناورات", "--limit", "50", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = JsonNode.Parse(run.Stdout)!;
        var hit = results["hits"]!.AsArray().Single(h => (string?)h!["id"] == "c002-02")!;
        var match = hit["matches"]!.AsArray().Single(m => (string?)m!["field"] == "quote")!;
        Assert.Equal("مناورة", (string?)match["text"]);
        var source = File.ReadAllText(Sample("002_369428e67db61de6.txt"));
        Assert.Equal("مناورة", source[(int)match["sourceStart"]!..(int)match["sourceEnd"]!]);
        Assert.False((bool)hit["retracted"]!);

        var table = await bt.Bt("search", "مَنَاوَرَة");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("c002-02", table.Stdout);
        Assert.Contains("مناورة (quote[0] 27..33)", table.Stdout);
    }

    [Fact]
    public async Task A_search_after_a_later_import_finds_it_and_a_retraction_is_flagged()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Sample("000-hasanov-visit.claims.json"))).ExitCode);
        var before = await bt.Bt("search", "مناورة", "--limit", "200", "--format", "json");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.DoesNotContain("c002-02", before.Stdout);

        Assert.Equal(0, (await bt.Bt("import", Sample("002-joint-exercise.claims.json"))).ExitCode);
        Assert.Equal(0, (await bt.Bt("retract", "c002-02", "--reason", "test")).ExitCode);
        var after = await bt.Bt("search", "مناورة", "--limit", "200", "--format", "json");

        Assert.True(after.ExitCode == 0, after.ToString());
        var hit = JsonNode.Parse(after.Stdout)!["hits"]!.AsArray().Single(h => (string?)h!["id"] == "c002-02")!;
        Assert.True((bool)hit["retracted"]!);
        var table = await bt.Bt("search", "مناورة", "--limit", "200");
        Assert.Contains("retracted", table.Stdout);
        var rebuilt = await bt.Bt("search", "مناورة", "--limit", "200", "--format", "json", "--rebuild");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
        Assert.Equal(after.Stdout, rebuilt.Stdout);
    }

    [Fact]
    public async Task Nothing_found_exits_1_and_says_so()
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Sample("002-joint-exercise.claims.json"))).ExitCode);

        var run = await bt.Bt("search", "xylophone");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("nothing found for xylophone", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("q", "search", "")]
    [InlineData("q", "search", "، .")]
    [InlineData("limit", "search", "مناورة", "--limit", "0")]
    [InlineData("dyad", "search", "مناورة", "--dyad", "IRAN")]
    public async Task Bad_input_exits_2_naming_the_field(string field, params string[] args)
    {
        using var bt = new BtSandbox();
        Assert.Equal(0, (await bt.Bt("import", Sample("002-joint-exercise.claims.json"))).ExitCode);

        var run = await bt.Bt(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"  {field}: ", run.Stderr);
    }
}
