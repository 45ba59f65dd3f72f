using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.Support.StoreFile;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Cold queries on a dyad large enough for snapshots (issue 12, item 3), through bt itself: the first
/// query folds the stream and leaves a snapshot beside the log, the next answers the same from it, and a
/// snapshot edited in the file is ignored and replaced.
/// </summary>
public sealed class SnapshotQueryTests
{
    private const int Events = 5_000;

    [Fact]
    public async Task A_cold_query_on_a_large_dyad_leaves_a_snapshot_from_which_the_next_answers_the_same()
    {
        // Given a dyad of 5,000 events (bt bench's) and the answers folded from its whole stream
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var state = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));
        Assert.Equal(1, SnapshotRows(bt.Db));

        // When asked again, by processes that start from the snapshot
        var again = await Ok(bt.Bt("state", "--as-of", "2030-01-01", "--format", "json"));
        var timeline = await Ok(bt.Bt("timeline", "--as-of", "2030-01-01", "--all", "--format", "json"));

        // Then
        Assert.Equal(state, again);
        Assert.Equal(Events, Checkpointed(bt.Db));
        Assert.Equal(await Ok(FullFoldAsync(bt, "timeline", "--as-of", "2030-01-01", "--all", "--format", "json")), timeline);
    }

    [Fact]
    public async Task A_snapshot_edited_in_the_file_is_ignored_and_replaced()
    {
        // Given a snapshot, then its row overwritten (the actors read it; the state and the timeline have their own persisted versions)
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var expected = await Ok(bt.Bt("actors", "--as-of", "2030-01-01", "--format", "json"));
        Execute(bt.Db, "UPDATE projection_rows SET document = 'not a snapshot' WHERE projection LIKE 'ledger-snapshot:%' AND key LIKE 'r:%';");

        // When
        var answer = await Ok(bt.Bt("actors", "--as-of", "2030-01-01", "--format", "json"));

        // Then
        Assert.Equal(expected, answer);
        Assert.Equal(0, Count(bt.Db, "SELECT count(*) FROM projection_rows WHERE projection LIKE 'ledger-snapshot:%' AND document = 'not a snapshot';"));
        Assert.Equal(1, SnapshotRows(bt.Db));
    }

    /// <summary>The same question on a copy of the store whose snapshots (and the timeline versions folded beside them) were removed: the whole stream folded.</summary>
    private static Task<BtResult> FullFoldAsync(BtSandbox bt, params string[] args) => WithoutAsync(bt, ["ledger-snapshot", "timeline-versions"], args);

    private static long SnapshotRows(string db) => Count(db, "SELECT count(*) FROM projection_rows WHERE projection LIKE 'ledger-snapshot:%' AND key LIKE 'r:%';");

    private static long Checkpointed(string db) => Count(db, "SELECT max(CAST(substr(key, 3) AS INTEGER)) + 1 FROM projection_rows WHERE projection LIKE 'ledger-snapshot:%' AND key LIKE 'r:%';");
}
