using System.Text.RegularExpressions;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// A store file edited behind bt's back (issue 11, "a cut tail is invisible"): events deleted at the
/// end, every event deleted, the head rewritten to match. Each case failed on the code before the head
/// record: verify said OK, queries answered, imports chained onto the cut and reused its positions.
/// </summary>
public sealed partial class CutTailTests
{
    [Fact]
    public async Task Deleting_the_last_event_is_named_by_verify_as_missing_at_the_tail()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var last = store.EventsAppended;
        StoreFile.CutTail(bt.Db, last - 1);

        var run = await bt.Bt("verify");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"BROKEN at position {last}", run.Stdout);
        Assert.Contains($"the head records position {last}", run.Stdout);
        Assert.Contains($"the log ends at {last - 1}: 1 event missing at the tail", run.Stdout);
        Assert.DoesNotContain("digest:", run.Stdout);
    }

    [Fact]
    public async Task Deleting_every_event_no_longer_verifies_as_an_empty_log()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.CutTail(bt.Db, 0);

        var run = await bt.Bt("verify");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("verify: OK", run.Stdout);
        Assert.Contains($"the log holds no events: {store.EventsAppended} events missing at the tail", run.Stdout);
        Assert.Contains("BROKEN at position 1 ", run.Stdout);
    }

    [Fact]
    public async Task Import_onto_a_cut_tail_is_refused_naming_the_position_and_appends_nothing()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var last = store.EventsAppended;
        StoreFile.CutTail(bt.Db, last - 1);
        var file = bt.WriteFile("b.claims.json", Fixture.Document("b"));

        var import = await bt.Bt("import", file);

        // Before: exit 0, the new events chained onto the cut, the first of them at the freed position.
        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Contains($"hash chain is broken at position {last}", import.Stderr);
        Assert.Contains("bt verify", import.Stderr);
        Assert.DoesNotContain("   at ", import.Stderr);
        Assert.Equal(last - 1, StoreFile.Count(bt.Db));
        Assert.Equal(last - 1, StoreFile.LastPosition(bt.Db));
    }

    [Theory]
    [InlineData("state")]
    [InlineData("timeline")]
    [InlineData("sources")]
    [InlineData("events")]
    [InlineData("trace", "a-01")]
    public async Task Queries_on_a_cut_tail_say_the_chain_is_broken_instead_of_answering(params string[] query)
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.CutTail(bt.Db, store.EventsAppended - 3);

        var run = await bt.Bt(query);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal("", run.Stdout.Trim());
        Assert.Contains($"hash chain is broken at position {store.EventsAppended - 2}", run.Stderr);
        Assert.Contains("3 events missing at the tail", run.Stderr);
        Assert.Contains("run `bt verify`", run.Stderr);
    }

    [Fact]
    public async Task A_cut_made_consistent_by_rewriting_the_head_is_found_against_the_digest_kept_before_it()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await bt.Bt("verify");
        var witness = DigestLine().Match(before.Stdout);
        Assert.True(witness.Success, before.ToString());
        StoreFile.CutTail(bt.Db, store.EventsAppended - 2, moveHead: true);

        var alone = await bt.Bt("verify");
        var against = await bt.Bt("verify", "--expect", witness.Groups[1].Value);

        Assert.Equal($"sha256:{witness.Groups[2].Value}@{store.EventsAppended}", witness.Groups[1].Value);
        Assert.True(alone.ExitCode == 0, alone.ToString());
        Assert.True(against.ExitCode == 1, against.ToString());
        Assert.Contains($"BROKEN at position {store.EventsAppended}", against.Stdout);
        Assert.Contains($"the log ends at position {store.EventsAppended - 2}", against.Stdout);
        Assert.Contains("cut from the tail", against.Stdout);
    }

    [Fact]
    public async Task Verify_prints_a_digest_that_a_later_verify_of_the_grown_log_accepts()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = await bt.Bt("verify");
        var witness = DigestLine().Match(before.Stdout).Groups[1].Value;
        Assert.True((await bt.Bt("import", bt.WriteFile("b.claims.json", Fixture.Document("b")))).ExitCode == 0);

        var after = await bt.Bt("verify", "--expect", witness);

        Assert.Contains($"digest {DigestLine().Match(before.Stdout).Groups[2].Value}", before.Stdout);
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Contains($"extends: {witness}", after.Stdout);
        Assert.Matches(DigestLine(), after.Stdout);
        Assert.DoesNotContain($"digest: {witness}", after.Stdout);
        Assert.True(StoreFile.LastPosition(bt.Db) > store.EventsAppended);
    }

    [Theory]
    [InlineData("8966212f7b846e71")]
    [InlineData("sha256:8966212f@133")]
    [InlineData("sha256:zz66212f7b846e71ef5ae8efb3c548c2f03e6ae3cfb545ae7472c70c2452c5e1@133")]
    [InlineData("sha256:8966212f7b846e71ef5ae8efb3c548c2f03e6ae3cfb545ae7472c70c2452c5e1")]
    [InlineData("sha256:8966212f7b846e71ef5ae8efb3c548c2f03e6ae3cfb545ae7472c70c2452c5e1@-1")]
    [InlineData("sha256:8966212f7b846e71ef5ae8efb3c548c2f03e6ae3cfb545ae7472c70c2452c5e1@")]
    public async Task A_malformed_expect_is_refused_with_exit_2_naming_the_option_and_the_form(string expect)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("verify", "--expect", expect);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--expect:", run.Stderr);
        Assert.Contains("sha256:<64 hex digits>@<position>", run.Stderr);
        Assert.DoesNotContain("verify:", run.Stdout);
    }

    [GeneratedRegex(@"^digest: (sha256:([0-9a-f]{64})@\d+)", RegexOptions.Multiline)]
    private static partial Regex DigestLine();
}
