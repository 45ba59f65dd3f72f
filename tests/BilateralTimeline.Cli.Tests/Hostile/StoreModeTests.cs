using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>The log may hold texts not meant for other local users: a store bt creates is readable by its owner only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreModeTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_store_created_by_bt_is_readable_and_writable_by_its_owner_only()
    {
        using var bt = new BtSandbox();

        var run = await bt.Bt("import", bt.WriteFile("a.claims.json", Fixture.Document("a")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(bt.Db));
    }

    [Fact]
    public async Task An_existing_store_keeps_the_mode_its_owner_gave_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var shared = OwnerOnly | UnixFileMode.GroupRead;
        File.SetUnixFileMode(bt.Db, shared);

        var run = await bt.Bt("import", bt.WriteFile("b.claims.json", Fixture.Document("b")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(shared, File.GetUnixFileMode(bt.Db));
    }
}
