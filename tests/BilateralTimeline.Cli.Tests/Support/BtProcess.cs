using System.Diagnostics;
using System.Text;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>What one run of the real <c>bt</c> left behind.</summary>
public sealed record BtResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the built CLI (<c>dotnet bt.dll</c>, copied next to the tests by the project reference) as a
/// child process, so that argument parsing, exit codes and the streams are exactly what a user gets.
/// </summary>
public static class BtProcess
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string BtDll { get; } = Path.Combine(AppContext.BaseDirectory, "bt.dll");

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>
    /// Runs <c>bt ARGS</c> in <paramref name="workingDirectory"/> with HOME, XDG_DATA_HOME and BT_DB
    /// pointing inside it, so no run can touch the real user's store.
    /// </summary>
    public static async Task<BtResult> RunAsync(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        Assert.True(File.Exists(BtDll), $"bt.dll not found at {BtDll}; the test project must reference src/BilateralTimeline.Cli");
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BtDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = workingDirectory;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, ".local", "share");
        start.Environment["BT_DB"] = Path.Combine(workingDirectory, "default.db");
        start.Environment["BT_USER"] = "cli-tests";
        // The runner's own store selection must not leak into a test: each test names its store.
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        // Wide enough that no table cell (an Arabic quote with its context) is wrapped mid-phrase.
        start.Environment["COLUMNS"] = "400";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DotnetHost}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bt {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds:0} s");
        }
        return new BtResult(process.ExitCode, await stdout, await stderr);
    }
}
