using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt actors identify|alias|merge|unmerge through bt.dll, and what bt actors then shows.</summary>
public sealed class ActorRegistryTests
{
    [Fact]
    public async Task An_alias_makes_the_arabic_spelling_the_same_holder_and_a_merge_is_undone_by_unmerge()
    {
        using var bt = new BtSandbox();
        var demo = await bt.Bt("demo", "--samples", Samples.Folder());
        Assert.True(demo.ExitCode == 0, demo.ToString());

        await Ok(bt, "actors", "identify", "act-aa", "--name", "Hossein Amir-Abdollahian", "--by", "tester");
        await Ok(bt, "actors", "identify", "act-ar", "--name", "حسين أمير عبد اللهيان", "--by", "tester");
        await Ok(bt, "actors", "merge", "act-ar", "act-aa", "--reason", "one minister", "--by", "tester");
        var merged = await Actors(bt);
        var entity = merged["entities"]!.AsArray().Single(e => (string?)e!["actorId"] == "act-aa")!;
        Assert.Equal(["Hossein Amir-Abdollahian", "حسين أمير عبد اللهيان"], entity["names"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["act-ar"], entity["merged"]!.AsArray().Select(n => (string)n!));

        await Ok(bt, "actors", "unmerge", "act-ar", "--reason", "checking", "--by", "tester");
        var again = await bt.Bt("actors", "unmerge", "act-ar", "--reason", "twice", "--by", "tester");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("actor: actor 'act-ar' was not merged", again.Stderr + again.Stdout);
        Assert.DoesNotContain((await Actors(bt))["entities"]!.AsArray(), e => e!["merged"]!.AsArray().Count > 0);
        var table = await bt.Bt("actors", "--as-of", "2024-12-31");
        Assert.Contains("People under several names", table.Stdout);
        Assert.Contains("act-aa", table.Stdout);
    }

    [Fact]
    public async Task An_alias_already_on_another_actor_is_refused_naming_the_field_and_the_fix()
    {
        using var bt = new BtSandbox();
        await Ok(bt, "actors", "identify", "act-a", "--name", "Ebrahim Raisi", "--dyad", "AZE-IRN", "--by", "tester");
        await Ok(bt, "actors", "identify", "act-b", "--name", "Raisi", "--dyad", "AZE-IRN", "--by", "tester");

        var run = await bt.Bt("actors", "alias", "act-b", "ebrahim  raisi", "--reason", "same", "--dyad", "AZE-IRN", "--by", "tester");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("alias: 'ebrahim  raisi' is already a name of actor 'act-a'", run.Stderr + run.Stdout);
        Assert.Contains("bt actors merge act-a act-b", run.Stderr + run.Stdout);
    }

    private static async Task Ok(BtSandbox bt, params string[] args)
    {
        var run = await bt.Bt(args);
        Assert.True(run.ExitCode == 0 && run.Stdout.Contains("recorded 1 event", StringComparison.Ordinal), run.ToString());
    }

    private static async Task<JsonNode> Actors(BtSandbox bt)
    {
        var run = await bt.Bt("actors", "--as-of", "2024-12-31", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }
}
