using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>What every refused hostile input must show: exit 2, the field named, no stack trace, no secret, the store untouched.</summary>
internal static class Refusals
{
    /// <summary>Short, so that a run which hangs (a FIFO read) fails the test instead of stalling the suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<BtResult> RefusedAsync(BtSandbox bt, string field, params string[] args)
    {
        var before = StoreBytes.Of(bt.Db);

        var run = await BtProcess.RunAsync(bt.Folder, ["--db", bt.Db, .. args], timeout: Timeout);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{field}: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.Equal(before, StoreBytes.Of(bt.Db));
        return run;
    }

    public static void AssertNothingOf(string secret, BtResult run)
    {
        Assert.DoesNotContain(secret, run.Stdout);
        Assert.DoesNotContain(secret, run.Stderr);
    }
}
