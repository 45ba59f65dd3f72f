using System.Diagnostics;

namespace BilateralTimeline.Cli.Tests.Support;

/// <summary>python3 as an independent reader of what bt writes: its csv, json and uuid modules share no code with ours.</summary>
public static class Python
{
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"python3 failed ({process.ExitCode}):\n{await stderr}");
        return await stdout;
    }
}
