using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class CorrectionTests
{
    [Fact]
    public async Task Retracting_a_claim_records_an_event_that_trace_and_sources_show()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await EventCountAsync(bt);

        var run = await bt.Bt("retract", "a-02", "--reason", "the ministry denied it", "--by", "analyst:test");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(before + 1, await EventCountAsync(bt));
        var trace = await bt.Bt("trace", "a-02");
        Assert.Contains("retracted: the ministry denied it", trace.Stdout);
        Assert.Contains("analyst:test", trace.Stdout);
        var sources = JsonNode.Parse((await bt.Bt("sources", "--format", "json")).Stdout)!;
        var fate = sources["sources"]!.AsArray().SelectMany(s => s!["claims"]!.AsArray()).Single(c => c!["claimId"]!.GetValue<string>() == "a-02")!["fate"]!.GetValue<string>();
        Assert.Equal("retracted", fate);
    }

    [Fact]
    public async Task Retracting_twice_records_nothing_the_second_time()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        await bt.Bt("retract", "a-02", "--reason", "first");
        var count = await EventCountAsync(bt);

        var run = await bt.Bt("retract", "a-02", "--reason", "second");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing to record", run.Stdout);
        Assert.Equal(count, await EventCountAsync(bt));
    }

    [Fact]
    public async Task Revising_confidence_keeps_both_grades_in_the_log()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("revise", "a-01", "--reliability", "A", "--credibility", "1", "--reason", "confirmed by both governments");

        Assert.True(run.ExitCode == 0, run.ToString());
        var last = JsonNode.Parse((await bt.Bt("events", "--format", "json")).Stdout)!.AsArray().Last()!;
        Assert.Equal("confidence-revised/v1", last["type"]!.GetValue<string>());
        Assert.Equal("A", last["data"]!["revised"]!["reliability"]!.GetValue<string>());
        Assert.NotNull(last["data"]!["previous"]);
    }

    [Theory]
    [InlineData("revise", "a-01", "--reliability", "G", "--credibility", "2")]
    [InlineData("revise", "a-01", "--reliability", "B", "--credibility", "7")]
    [InlineData("retract", "no-such-claim")]
    [InlineData("dispute", "a-01", "no-such-claim", "--field", "date")]
    public async Task Bad_corrections_exit_2_and_change_nothing(params string[] args)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await EventCountAsync(bt);

        var run = await bt.Bt([.. args, "--reason", "testing"]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(before, await EventCountAsync(bt));
    }

    [Fact]
    public async Task A_correction_against_a_stale_revision_exits_3_and_changes_nothing()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await EventCountAsync(bt);

        var run = await bt.Bt("corroborate", "a-01", "a-03", "--reason", "same event", "--expected-revision", "0");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("conflict", run.Stderr);
        Assert.Equal(before, await EventCountAsync(bt));
    }

    private static async Task<int> EventCountAsync(BtSandbox bt) =>
        JsonNode.Parse((await bt.Bt("events", "--format", "json")).Stdout)!.AsArray().Count;
}
