using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.Support.StoreFile;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Cold `bt state` on a large dyad through bt itself (issue 12): the first process folds the stream and
/// leaves the dyad's state terms beside the log; the next answers from them alone, the same to the byte
/// as the full fold, at other (as-of, known-at) too; terms edited in the file are ignored and rewritten.
/// </summary>
public sealed class StateTermQueryTests
{
    private const int Events = 5_000;

    [Fact]
    public async Task A_cold_state_on_a_large_dyad_leaves_state_terms_from_which_the_next_answers_what_the_full_fold_answers()
    {
        // Given a dyad of 5,000 events (bt bench's), asked once
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var first = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));
        Assert.True(TermRows(bt.Db) > 1, "no state terms were left");
        var earlier = JsonNode.Parse(await Ok(bt.Bt("events", "--from", "2500", "--max", "1", "--format", "json")))![0]!["recorded"]!.GetValue<string>();

        // When asked again, now and as known earlier, by processes that find the terms
        var again = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));
        var known = await Ok(bt.Bt("state", "--as-of", "2029-06-01", "--known-at", earlier, "--limit", "50", "--format", "json"));

        // Then
        Assert.Equal(await Ok(FreshAsync(bt, "state", "--as-of", "2030-01-01", "--format", "json")), first);
        Assert.Equal(first, again);
        Assert.Equal(await Ok(FreshAsync(bt, "state", "--as-of", "2029-06-01", "--known-at", earlier, "--limit", "50", "--format", "json")), known);
    }

    [Fact]
    public async Task State_terms_edited_in_the_file_are_ignored_and_rewritten()
    {
        // Given terms left by a cold state, then their index overwritten
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var expected = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));
        Execute(bt.Db, "UPDATE projection_rows SET document = 'not an index' WHERE projection LIKE 'state-terms:%' AND key = '@index';");

        // When
        var answer = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));

        // Then
        Assert.Equal(expected, answer);
        Assert.Equal(0, Count(bt.Db, "SELECT count(*) FROM projection_rows WHERE projection LIKE 'state-terms:%' AND document = 'not an index';"));
        Assert.True(TermRows(bt.Db) > 1);
    }

    /// <summary>
    /// The same question on a copy of the store without terms or snapshots: the whole stream folded by a
    /// process that found nothing (the fold itself is checked against the full fold by the store contract).
    /// </summary>
    private static Task<BtResult> FreshAsync(BtSandbox bt, params string[] args) => WithoutAsync(bt, ["ledger-snapshot", "state-terms"], args);

    private static long TermRows(string db) => Rows(db, "state-terms");
}
