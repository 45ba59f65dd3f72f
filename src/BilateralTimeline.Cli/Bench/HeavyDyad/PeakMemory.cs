using System.Diagnostics;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// The peak resident memory of a child process, in MB, as the system reports it (its high-water mark, `VmHWM` on
/// Linux). A process that has exited has none left to read, so a cold one is read every 20 ms while it runs and the
/// highest reading kept: it misses at most what the process added in its last 20 ms, when a query is writing its answer.
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
            // An exited process not yet reaped still has a status, without its memory lines: read as 0, which is no peak.
            return process.HasExited || process.PeakWorkingSet64 <= 0 ? null : process.PeakWorkingSet64 / (1024.0 * 1024.0);
        }
        catch (Exception e) when (e is InvalidOperationException or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Reads <paramref name="process"/>'s peak until <paramref name="exited"/> completes; the highest reading (a high-water mark only rises).</summary>
    public static async Task<double?> WhileRunningAsync(Process process, Task exited)
    {
        double? peak = null;
        while (!exited.IsCompleted)
        {
            if (Of(process) is { } now)
            {
                peak = Math.Max(peak ?? 0, now);
            }
            await Task.WhenAny(exited, Task.Delay(Every)).ConfigureAwait(false);
        }
        return peak;
    }
}
