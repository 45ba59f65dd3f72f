using System.Diagnostics;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// This very bt, started again as a child: a cold process costs what a user pays (runtime start, store
/// open, the query), so it is timed from start to exit with nothing shared with the benchmark.
/// </summary>
internal static class BtSelf
{
    public static ProcessStartInfo StartInfo(string db, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var entry = Environment.GetCommandLineArgs()[0];
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" && entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(entry);
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(db);
        // The store is named by --db alone: a user's own store selection must never leak into a benchmark.
        start.Environment.Remove("BT_STORE");
        start.Environment.Remove("BT_CONNECTION");
        start.Environment.Remove("BT_PROJECTIONS");
        start.Environment["BT_USER"] = "bench";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>Runs bt to its end and returns the wall time; a failure stops the benchmark with bt's own message.</summary>
    public static async Task<(double Seconds, string Stdout)> RunAsync(string db, IReadOnlyList<string> args, CancellationToken ct)
    {
        var (seconds, stdout, _) = await RunMeasuredAsync(db, args, ct);
        return (seconds, stdout);
    }

    /// <summary>As <see cref="RunAsync"/>, with the process's peak memory in MB (null where the system does not say).</summary>
    public static async Task<(double Seconds, string Stdout, double? PeakMegabytes)> RunMeasuredAsync(string db, IReadOnlyList<string> args, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var child = Process.Start(StartInfo(db, args))!;
        // Ctrl+C on the benchmark must not leave a bt behind, half-way through a write.
        using var stop = ct.Register(() =>
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        });
        child.StandardInput.Close();
        var stdout = child.StandardOutput.ReadToEndAsync(ct);
        var stderr = child.StandardError.ReadToEndAsync(ct);
        var exited = child.WaitForExitAsync(ct);
        var peak = await PeakMemory.WhileRunningAsync(child, exited);
        await exited;
        var seconds = watch.Elapsed.TotalSeconds;
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"bt {string.Join(' ', args)} exited {child.ExitCode}: {(await stderr).Trim()}");
        }
        await stderr;
        return (seconds, await stdout, peak);
    }
}
