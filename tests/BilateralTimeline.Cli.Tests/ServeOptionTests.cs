using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class ServeOptionTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Serve_refuses_fewer_than_one_large_page_at_once_naming_the_option(string value)
    {
        using var bt = new BtSandbox();

        var run = await bt.Bt("serve", "--urls", "http://127.0.0.1:0", "--large-pages-at-once", value);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--large-pages-at-once must be at least 1", run.Stderr, StringComparison.Ordinal);
    }
}
