using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt copy between SQLite files: what only the process shows (exit codes, the lines printed). The use case itself is tested in-process in Application.Tests.</summary>
public sealed class CopyTests
{
    [Fact]
    public async Task A_copy_between_two_sqlite_files_exits_0_saying_verbatim_and_the_target_verifies_to_the_same_head()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var copy = await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"sqlite:{bt.PathOf("copy.db")}");

        Assert.True(copy.ExitCode == 0, copy.ToString());
        Assert.Contains($"to sqlite {bt.PathOf("copy.db")}", copy.Stdout, StringComparison.Ordinal);
        Assert.Contains("verbatim", copy.Stdout, StringComparison.Ordinal);
        Assert.Contains("target verify: OK", copy.Stdout, StringComparison.Ordinal);
        Assert.Equal((await bt.Events(bt.Db)).ToJsonString(), (await bt.Events(bt.PathOf("copy.db"))).ToJsonString());
    }

    /// <summary>Regression: copying a file onto itself opened it twice and failed as a store problem (exit 1, "already holds events") instead of as bad input.</summary>
    [Fact]
    public async Task Copying_a_store_onto_itself_exits_2_naming_the_target_and_changes_nothing()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var before = (await bt.Events(bt.Db)).ToJsonString();

        var copy = await bt.BtRaw("copy", "--from", $"sqlite:{bt.Db}", "--to", $"sqlite:{Path.Combine(bt.Folder, ".", "timeline.db")}");

        Assert.True(copy.ExitCode == 2, copy.ToString());
        Assert.Contains("is the source itself", copy.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, (await bt.Events(bt.Db)).ToJsonString());
    }

    [Fact]
    public async Task An_unknown_store_kind_exits_2_naming_the_option_and_the_kinds()
    {
        using var bt = new BtSandbox();

        var copy = await bt.BtRaw("copy", "--from", "mysql:db", "--to", $"sqlite:{bt.PathOf("copy.db")}");

        Assert.True(copy.ExitCode == 2, copy.ToString());
        Assert.Contains("--from", copy.Stderr, StringComparison.Ordinal);
        Assert.Contains("sqlite, postgres, eventstoredb", copy.Stderr, StringComparison.Ordinal);
    }
}
