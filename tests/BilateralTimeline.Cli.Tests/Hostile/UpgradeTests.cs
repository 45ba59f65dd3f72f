using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>A store written before the head record (schema version 1) still opens, verifies, and gets its head.</summary>
public sealed class UpgradeTests
{
    [Fact]
    public async Task Migrate_upgrades_a_version_1_file_with_its_head_taken_from_the_log_and_verify_then_names_a_cut()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        StoreFile.Execute(bt.Db, "DROP TABLE head; PRAGMA user_version = 1;");

        var migrate = await bt.Bt("migrate");
        var again = await bt.Bt("migrate");
        var verify = await bt.Bt("verify");
        StoreFile.CutTail(bt.Db, store.EventsAppended - 1);
        var cut = await bt.Bt("verify");

        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        Assert.Contains("upgraded, schema version 2", migrate.Stdout);
        Assert.Contains("up to date, schema version 2", again.Stdout);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal(store.EventsAppended, StoreFile.Scalar(bt.Db, "SELECT position FROM head"));
        Assert.True(cut.ExitCode == 1, cut.ToString());
        Assert.Contains("1 event missing at the tail", cut.Stdout);
    }
}
