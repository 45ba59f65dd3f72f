using System.Diagnostics;
using System.Text;

namespace BilateralTimeline.Testing;

/// <summary>What one finished run of <c>bt</c> printed.</summary>
public sealed record BtResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// The built CLI (<c>dotnet bt.dll</c>) as a child process, so that argument parsing, exit codes and the
/// streams are exactly what a user gets. HOME, XDG_DATA_HOME and BT_DB point inside the given folder and
/// the runner's own store selection is removed, so no run can touch the real user's store.
/// </summary>
public static class BtChild
{
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Starts <c>bt ARGS</c> in <paramref name="folder"/>; <paramref name="environment"/> adds or overrides variables.</summary>
    public static Process Start(string btDll, string folder, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(btDll))
        {
            throw new FileNotFoundException($"bt.dll not found at {btDll}; the test project must reference src/BilateralTimeline.Cli", btDll);
        }
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
        start.ArgumentList.Add(btDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HOME"] = folder;
        start.Environment["XDG_DATA_HOME"] = Path.Combine(folder, ".local", "share");
        start.Environment["BT_DB"] = Path.Combine(folder, "default.db");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {DotnetHost}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs <c>bt ARGS</c> to the end; a run that outlasts <paramref name="timeout"/> is killed and reported.</summary>
    public static async Task<BtResult> RunAsync(string btDll, string folder, IReadOnlyList<string> args, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(btDll, folder, args, environment);
        return await FinishAsync(process, $"bt {string.Join(' ', args)}", timeout);
    }

    /// <summary>Reads a started child's streams to the end; one that outlasts <paramref name="timeout"/> is killed and reported as <paramref name="what"/>.</summary>
    public static async Task<BtResult> FinishAsync(Process process, string what, TimeSpan timeout)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new BtResult(process.ExitCode, await stdout, await stderr);
    }
}
