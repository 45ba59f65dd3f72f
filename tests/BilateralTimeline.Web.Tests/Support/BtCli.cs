using System.Diagnostics;
using System.Text;

namespace BilateralTimeline.Web.Tests.Support;

/// <summary>What one finished run of <c>bt</c> printed.</summary>
public sealed record BtRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Starts the built CLI (<c>dotnet bt.dll</c>, copied next to the tests by the project reference) as a
/// child process in a sandbox folder, the way Cli.Tests does, so the page is served exactly as a user runs it.
/// </summary>
public static class BtCli
{
    public static string BtDll { get; } = Path.Combine(AppContext.BaseDirectory, "bt.dll");

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static Process Start(string folder, IReadOnlyList<string> args)
    {
        Assert.True(File.Exists(BtDll), $"bt.dll not found at {BtDll}; the test project must reference src/BilateralTimeline.Cli");
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = folder,
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
        // No run may touch the real user's store or defaults.
        start.Environment["HOME"] = folder;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(folder, ".local", "share");
        start.Environment["BT_DB"] = Path.Combine(folder, "default.db");
        start.Environment["BT_USER"] = "web-tests";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DotnetHost}");
        process.StandardInput.Close();
        return process;
    }

    public static async Task<BtRun> RunAsync(string folder, params string[] args)
    {
        using var process = Start(folder, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bt {string.Join(' ', args)} did not finish within 120 s");
        }
        return new BtRun(process.ExitCode, await stdout, await stderr);
    }
}
