using System.Diagnostics;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>
/// Starts the built CLI (<c>bt.dll</c>, copied next to the tests by the project reference) through
/// <see cref="BtChild"/>, so the page is served exactly as a user runs it.
/// </summary>
public static class BtCli
{
    private static readonly Dictionary<string, string> Environment = new() { ["BT_USER"] = "web-tests" };

    public static string BtDll { get; } = Path.Combine(AppContext.BaseDirectory, "bt.dll");

    public static Process Start(string folder, IReadOnlyList<string> args) => BtChild.Start(BtDll, folder, args, Environment);

    public static Task<BtResult> RunAsync(string folder, params string[] args) => BtChild.RunAsync(BtDll, folder, args, TimeSpan.FromSeconds(120), Environment);
}
