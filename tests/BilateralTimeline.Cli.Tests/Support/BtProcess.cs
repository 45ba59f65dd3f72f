namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>Runs the built CLI (<c>bt.dll</c>, copied next to the tests by the project reference) through <see cref="BtChild"/>.</summary>
public static class BtProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string BtDll { get; } = Path.Combine(AppContext.BaseDirectory, "bt.dll");

    /// <summary>Runs <c>bt ARGS</c> in <paramref name="workingDirectory"/>, its sandbox (see <see cref="BtChild"/>).</summary>
    public static Task<BtResult> RunAsync(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["BT_USER"] = "cli-tests",
            // Wide enough that no table cell (an Arabic quote with its context) is wrapped mid-phrase.
            ["COLUMNS"] = "400",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            variables[name] = value;
        }
        return BtChild.RunAsync(BtDll, workingDirectory, args, timeout ?? Timeout, variables);
    }
}
