using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task Help_exits_0_and_describes_the_tool_and_its_commands()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("an immutable, auditable ledger of news claims", run.Stdout);
        Assert.Contains("Exit codes: 0 ok, 1 failure, 2 bad input, 3 conflict", run.Stdout);
        foreach (var command in new[] { "demo", "import", "timeline", "state", "trace", "sources", "verify", "events" })
        {
            Assert.Contains(command, run.Stdout);
        }
    }

    [Fact]
    public async Task Import_help_exits_0_and_describes_the_import()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("import", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Record whole articles", run.Stdout);
        Assert.Contains("atomic", run.Stdout);
        Assert.Contains("--by", run.Stdout);
        Assert.False(File.Exists(bt.PathOf("default.db")), "help must not open the store");
    }

    [Fact]
    public async Task An_unknown_command_exits_2_and_points_to_help()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("frobnicate");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("frobnicate", run.Stderr);
        Assert.Contains("bt --help", run.Stderr);
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("import")]
    public async Task A_missing_argument_exits_2(string command)
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw(command);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task An_unknown_format_exits_2()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("events", "--format", "xml");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("xml", run.Stderr);
    }

    [Fact]
    public async Task Querying_an_empty_store_exits_2_saying_to_import_first()
    {
        using var bt = new BtSandbox();

        var run = await bt.Bt("timeline");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("import a file first", run.Stderr);
    }
}
