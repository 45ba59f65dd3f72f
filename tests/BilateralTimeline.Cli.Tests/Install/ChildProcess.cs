using System.Diagnostics;
using System.Text;

namespace BilateralTimeline.Cli.Tests.Install;

/// <summary>
/// Any program (dotnet itself, or an installed tool's shim) as a child process. <see cref="BtChild"/> only
/// runs <c>dotnet bt.dll</c>; installing and running a packed tool needs the other programs too.
/// </summary>
internal static class ChildProcess
{
    public static async Task<BtResult> RunAsync(string program, string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // The runner's store selection must not reach the child, as in BtChild.
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        return await BtChild.FinishAsync(process, $"{program} {string.Join(' ', args)}", timeout);
    }
}
