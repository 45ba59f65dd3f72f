using System.Diagnostics;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>python3 as an independent reader of what bt writes: its csv, json and uuid modules share no code with ours.</summary>
public static class Python
{
    public static Task<string> RunAsync(string script, params string[] args) => RunWithAsync("python3", script, args);

    /// <summary>Debian's own interpreter, the one python3-prov and python3-rdflib (installed by infra/test.sh) are importable from.</summary>
    public static Task<string> RunDebianAsync(string script, params string[] args) => RunWithAsync("/usr/bin/python3", script, args);

    /// <summary>As <see cref="RunDebianAsync(string, string[])"/> with a longer wait, for readers of a heavy dyad's files.</summary>
    public static Task<string> RunDebianAsync(TimeSpan timeout, string script, params string[] args) => RunWithAsync("/usr/bin/python3", script, args, timeout);

    private static async Task<string> RunWithAsync(string interpreter, string script, string[] args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}):\n{await stderr}");
        return await stdout;
    }
}
