using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// Two events' data swapped in the file, each row keeping its type and hash. Both still parse as JSON,
/// but as the wrong type an event lacks the fields its fold needs: state and timeline used to crash with
/// an ArgumentNullException ("Unhandled exception" and a stack trace, issue 11).
/// </summary>
public sealed class SwappedEventsTests
{
    [Theory]
    [InlineData("state")]
    [InlineData("timeline")]
    [InlineData("actors")]
    public async Task A_query_over_swapped_events_fails_naming_the_position_instead_of_crashing(string query)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.SwapData(bt.Db, 1, 2);

        var run = await bt.Bt(query);
        var verify = await bt.Bt("verify");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.DoesNotContain("Unhandled exception", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Matches(@"error: the event at global position [12] \(", run.Stderr);
        Assert.Contains("run `bt verify`", run.Stderr);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("BROKEN at position 1 ", verify.Stdout);
    }

    [Fact]
    public async Task An_import_that_folds_swapped_events_is_refused_and_appends_nothing()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.SwapData(bt.Db, 1, 2);
        // Without a decider index the write folds the whole stream, so it meets the swapped events.
        StoreFile.Execute(bt.Db, "DELETE FROM projection_rows WHERE projection LIKE 'decider:%'; DELETE FROM projection_checkpoints WHERE projection LIKE 'decider:%';");
        var count = StoreFile.Count(bt.Db);

        var run = await bt.Bt("import", bt.WriteFile("b.claims.json", Fixture.Document("b")));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"the event at global position [12] \(", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(count, StoreFile.Count(bt.Db));
    }

    /// <summary>
    /// With the decider index (kept by the writes before the tampering) a write reads only the index and the
    /// events after it, never the middle of the log, as every query through a projection does: the head
    /// link is checked on every request, the middle is bt verify's job, which still names the break.
    /// </summary>
    [Fact]
    public async Task An_import_through_the_decider_index_does_not_read_the_swapped_middle_and_verify_still_names_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.SwapData(bt.Db, 1, 2);
        var count = StoreFile.Count(bt.Db);

        var run = await bt.Bt("import", bt.WriteFile("b.claims.json", Fixture.Document("b")));
        var verify = await bt.Bt("verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(StoreFile.Count(bt.Db) > count);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("BROKEN at position 1 ", verify.Stdout);
    }
}
