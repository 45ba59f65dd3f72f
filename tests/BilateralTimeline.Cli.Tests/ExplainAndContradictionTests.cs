using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class ExplainAndContradictionTests
{
    [Fact]
    public async Task Contradictions_as_json_list_a_dispute_as_open_then_resolved_with_both_events()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var dispute = await bt.Bt("dispute", "a-01", "a-03", "--field", "fact", "--reason", "one says gunman, the other terror");
        Assert.True(dispute.ExitCode == 0, dispute.ToString());
        var open = JsonNode.Parse((await bt.Bt("contradictions", "--open", "--format", "json")).Stdout)!;

        var resolve = await bt.Bt("resolve", "a-01", "a-03", "--field", "fact", "--resolution", "both hold", "--reason", "compatible readings");
        Assert.True(resolve.ExitCode == 0, resolve.ToString());
        var run = await bt.Bt("contradictions", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var openLine = Assert.Single(open["items"]!.AsArray())!;
        Assert.Equal("open", openLine["status"]!.GetValue<string>());
        var line = Assert.Single(JsonNode.Parse(run.Stdout)!["items"]!.AsArray())!;
        Assert.Equal("resolved", line["status"]!.GetValue<string>());
        Assert.Equal("fact", line["field"]!.GetValue<string>());
        Assert.Equal(["a-01", "a-03"], new[] { line["claim"]!["claimId"]!.GetValue<string>(), line["other"]!["claimId"]!.GetValue<string>() });
        Assert.Equal("src-a", line["claim"]!["sourceId"]!.GetValue<string>());
        Assert.Equal("both hold", line["resolved"]!["resolution"]!.GetValue<string>());
        Assert.True(line["resolved"]!["event"]!["position"]!.GetValue<long>() > line["opened"]!["position"]!.GetValue<long>());
        Assert.Empty(JsonNode.Parse((await bt.Bt("contradictions", "--open", "--format", "json")).Stdout)!["items"]!.AsArray());
    }

    [Fact]
    public async Task Explain_prints_the_confidence_steps_with_claim_ids_and_the_share_of_the_score()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("explain", Fixture.AttackOccurrence("a"), "--as-of", "2023-02-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Fixture.AttackTitle, run.Stdout);
        // a-01 and a-02 come from the article itself; a-03 cites the agency Azertac: two origins.
        Assert.Contains("start: a-01 B2 → 63", run.Stdout);
        Assert.Contains("a-02 share origin src-a with a-01", run.Stdout);
        Assert.Contains("+10: independent origin Azertac (a-03)", run.Stdout);
        Assert.Contains("confidence 73/100", run.Stdout);
        Assert.Contains("share", run.Stdout);
    }

    [Fact]
    public async Task Explain_as_json_carries_the_contribution_the_state_shows()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("explain", Fixture.AttackOccurrence("a"), "--as-of", "2023-02-01", "--format", "json");
        var state = JsonNode.Parse((await bt.Bt("state", "--as-of", "2023-02-01", "--format", "json")).Stdout)!;

        Assert.True(run.ExitCode == 0, run.ToString());
        var explanation = JsonNode.Parse(run.Stdout)!;
        var expected = state["movedBy"]!.AsArray().Single(m => m!["entryId"]!.GetValue<string>() == Fixture.AttackOccurrence("a"))!;
        Assert.Equal(expected.ToJsonString(), explanation["contribution"]!.ToJsonString());
        Assert.Equal(73, explanation["confidence"]!["score"]!.GetValue<int>());
    }

    [Fact]
    public async Task Explain_before_the_occurrence_says_why_it_does_not_count()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("explain", Fixture.AttackOccurrence("a"), "--as-of", "2023-01-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("does not count: it had not yet occurred by 2023-01-01", run.Stdout);
    }

    [Fact]
    public async Task Explain_of_an_unknown_occurrence_exits_2_with_near_matches()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("explain", "occ-a-attack");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("occurrenceId", run.Stderr);
        Assert.Contains(Fixture.AttackOccurrence("a"), run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }
}
