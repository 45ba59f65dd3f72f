using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.Support.StoreFile;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Cold `bt timeline` on a large dyad through bt itself (issue 12): the first process folds the stream and
/// leaves the dyad's entry versions beside the log; the next answer pages from them alone (with a known-at, a
/// cursor, a window, --all), the same to the byte as a process that folds the whole stream; versions edited in
/// the file are ignored and rewritten.
/// </summary>
public sealed class TimelineVersionQueryTests
{
    private const int Events = 5_000;

    [Fact]
    public async Task A_cold_timeline_on_a_large_dyad_leaves_entry_versions_from_which_the_next_pages_answer_what_the_full_fold_answers()
    {
        // Given a dyad of 5,000 events (bt bench's), asked once
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var first = await Ok(bt.Bt("timeline", "--as-of", "2030-01-01", "--format", "json"));
        Assert.True(VersionRows(bt.Db) > 1, "no timeline versions were left");
        var earlier = JsonNode.Parse(await Ok(bt.Bt("events", "--from", "2500", "--max", "1", "--format", "json")))![0]!["recorded"]!.GetValue<string>();
        var cursor = JsonNode.Parse(first)!["next"]!.GetValue<string>();

        // When asked again by processes that find the versions: now, the next page, as known earlier, a window, all
        string[][] questions =
        [
            ["timeline", "--as-of", "2030-01-01", "--format", "json"],
            ["timeline", "--as-of", "2030-01-01", "--cursor", cursor, "--format", "json"],
            ["timeline", "--as-of", "2016-03-01", "--known-at", earlier, "--limit", "50", "--format", "json"],
            ["timeline", "--as-of", "2017-01-01", "--known-at", earlier, "--from", "2015-06-01", "--to", "2015-09-30", "--format", "json"],
            ["timeline", "--as-of", "2030-01-01", "--known-at", earlier, "--all", "--format", "json"],
        ];
        var answers = new List<string>();
        foreach (var question in questions)
        {
            answers.Add(await Ok(bt.Bt(question)));
        }

        // Then each is what the whole stream folded answers, and the pages move on
        Assert.Equal(first, answers[0]);
        for (var i = 0; i < questions.Length; i++)
        {
            Assert.Equal(await Ok(FreshAsync(bt, questions[i])), answers[i]);
        }
        Assert.NotEqual(answers[0], answers[1]);
    }

    [Fact]
    public async Task Timeline_versions_edited_in_the_file_are_ignored_and_rewritten()
    {
        // Given versions left by a cold timeline, then their index overwritten
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var expected = await Ok(bt.Bt("timeline", "--as-of", "2030-01-01", "--format", "json"));
        Execute(bt.Db, "UPDATE projection_rows SET document = 'not an index' WHERE projection LIKE 'timeline-versions:%' AND key = '@index';");

        // When
        var answer = await Ok(bt.Bt("timeline", "--as-of", "2030-01-01", "--format", "json"));

        // Then
        Assert.Equal(expected, answer);
        Assert.Equal(0, Count(bt.Db, "SELECT count(*) FROM projection_rows WHERE projection LIKE 'timeline-versions:%' AND document = 'not an index';"));
        Assert.True(VersionRows(bt.Db) > 1);
    }

    /// <summary>
    /// The same question on a copy of the store without versions, terms or snapshots, answered by the fold's own
    /// timeline over the whole stream: the oracle. A replay filter that leaves nothing out takes the fold's own
    /// timeline (TimelineProjection.Build), not the stored versions.
    /// </summary>
    private static Task<BtResult> FreshAsync(BtSandbox bt, params string[] args) =>
        WithoutAsync(bt, ["ledger-snapshot", "state-terms", "timeline-versions"], [.. args, "--min-reliability", "F"]);

    private static long VersionRows(string db) => Rows(db, "timeline-versions");
}
