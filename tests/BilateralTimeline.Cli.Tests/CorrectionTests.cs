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
    public async Task Retracting_an_already_retracted_claim_exits_2_and_the_same_retraction_again_records_nothing()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        await bt.Bt("retract", "a-02", "--reason", "first");
        var count = await EventCountAsync(bt);

        var again = await bt.Bt("retract", "a-02", "--reason", "first");
        var another = await bt.Bt("retract", "a-02", "--reason", "second");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("nothing to record", again.Stdout);
        Assert.True(another.ExitCode == 2, another.ToString());
        Assert.Contains("already retracted", another.Stderr);
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

    [Fact]
    public async Task Diff_between_two_recording_times_shows_the_retraction_and_the_moved_score()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await bt.Bt("retract", "a-01", "--reason", "the attack report was withdrawn");
        await Task.Delay(20);
        var after = DateTimeOffset.UtcNow;

        var run = await bt.Bt("diff", "--known-at", before.ToString("O"), "--known-at", after.ToString("O"), "--as-of", "2023-06-01", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var diff = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(1, diff["eventsBetween"]!.GetValue<long>());
        var change = diff["claims"]!.AsArray().Single()!;
        Assert.Equal("a-01", change["claimId"]!.GetValue<string>());
        Assert.Equal("retracted", change["change"]!.GetValue<string>());
        Assert.NotEqual(diff["scoreBefore"]?.ToJsonString(), diff["scoreAfter"]?.ToJsonString());
    }

    [Fact]
    public async Task Diff_needs_exactly_two_recording_times()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("diff", "--known-at", "2024-01-01");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("exactly twice", run.Stderr);
    }

    [Fact]
    public async Task Superseding_a_claim_shows_in_the_audit_and_a_cycle_exits_2()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("supersede", "a-02", "a-01", "--reason", "the newer report says the same");
        var cycle = await bt.Bt("supersede", "a-01", "a-02", "--reason", "the other way round");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(cycle.ExitCode == 2, cycle.ToString());
        Assert.Contains("cycle", cycle.Stderr);
        var sources = JsonNode.Parse((await bt.Bt("sources", "--format", "json")).Stdout)!;
        var fate = sources["sources"]!.AsArray().SelectMany(s => s!["claims"]!.AsArray()).Single(c => c!["claimId"]!.GetValue<string>() == "a-02")!["fate"]!.GetValue<string>();
        Assert.Equal("superseded by a-01", fate);
    }

    [Fact]
    public async Task Redating_a_claim_moves_it_on_the_timeline_and_keeps_the_old_reading_in_the_log()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("redate", "a-04", "--from", "2023-03-01", "--to", "2023-03-31", "--precision", "month", "--reason", "the analyst dates it from the cable");

        Assert.True(run.ExitCode == 0, run.ToString());
        var last = JsonNode.Parse((await bt.Bt("events", "--format", "json")).Stdout)!.AsArray().Last()!;
        Assert.Equal("claim-redated/v1", last["type"]!.GetValue<string>());
        Assert.NotNull(last["data"]!["previous"]);
        var trace = JsonNode.Parse((await bt.Bt("trace", "a-04", "--format", "json")).Stdout)!;
        var candidate = trace["occurred"]!["candidates"]!.AsArray().Single()!;
        Assert.Equal("2023-03-01", candidate["from"]!.GetValue<string>());
        Assert.Equal("analyst-judgement", candidate["method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unlinking_and_linking_again_are_both_recorded()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var trace = JsonNode.Parse((await bt.Bt("trace", "a-01", "--format", "json")).Stdout)!;
        var occurrence = trace["occurrenceId"]!.GetValue<string>();

        var unlink = await bt.Bt("unlink", "a-01", "--reason", "a different attack");
        var afterUnlink = JsonNode.Parse((await bt.Bt("trace", "a-01", "--format", "json")).Stdout)!;
        var link = await bt.Bt("link", "a-01", occurrence, "--reason", "the same attack after all");
        var afterLink = JsonNode.Parse((await bt.Bt("trace", "a-01", "--format", "json")).Stdout)!;

        Assert.True(unlink.ExitCode == 0 && link.ExitCode == 0, unlink + "\n" + link);
        Assert.Null(afterUnlink["occurrenceId"]);
        Assert.Equal(occurrence, afterLink["occurrenceId"]!.GetValue<string>());
        Assert.Contains(afterLink["events"]!.AsArray(), e => e!["what"]!.GetValue<string>().StartsWith("unlinked from", StringComparison.Ordinal));
    }

    private static async Task<int> EventCountAsync(BtSandbox bt) =>
        JsonNode.Parse((await bt.Bt("events", "--format", "json")).Stdout)!.AsArray().Count;
}
