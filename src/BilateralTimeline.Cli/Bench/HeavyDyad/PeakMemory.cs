using System.Diagnostics;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// The peak resident memory of a child process, in MB, as the system reports it (its high-water mark, `VmHWM` on
/// Linux). A process that has exited has none left to read, so a cold one is read every 20 ms while it runs and the
/// last reading kept: it misses at most what the process added in its last 20 ms, when a query is writing its answer.
/// </summary>
internal static class PeakMemory
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(20);

    /// <summary>The peak so far; null once the process has gone (or where the system does not say).</summary>
    public static double? Of(Process process)
    {
        try
        {
            process.Refresh();
            return process.HasExited ? null : process.PeakWorkingSet64 / (1024.0 * 1024.0);
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Reads <paramref name="process"/>'s peak until <paramref name="exited"/> completes; the last reading.</summary>
    public static async Task<double?> WhileRunningAsync(Process process, Task exited)
    {
        double? peak = null;
        while (!exited.IsCompleted)
        {
            if (Of(process) is { } now)
            {
                peak = now;
            }
            await Task.WhenAny(exited, Task.Delay(Every)).ConfigureAwait(false);
        }
        return peak;
    }
}
