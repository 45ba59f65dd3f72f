using System.Diagnostics;
using System.Globalization;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// Where a long heavy-dyad benchmark is, on stderr, with the time since it started: on a terminal one
/// line rewritten in place; into a file or a pipe (a log, a CI job) a line per phase and then one every
/// <see cref="Every"/> while the phase lasts, so a run that seems stuck says what it is waiting for.
/// </summary>
internal sealed class BenchProgress : IDisposable
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    private readonly TextWriter error;
    private readonly bool terminal;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer _heartbeat;
    private string? _phase;
    private TimeSpan _phaseStarted;
    private TimeSpan _lastLine;

    public BenchProgress(TextWriter error, bool terminal)
    {
        this.error = error;
        this.terminal = terminal;
        // A phase that is one long child process (a rebuild, a cold query at 1M) reports nothing itself.
        _heartbeat = new Timer(_ => StillRunning(), null, Every, Every);
    }

    public static BenchProgress OnStderr() => new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>A phase and how far it is (0 to 1).</summary>
    public void Report(string phase, double fraction)
    {
        lock (_gate)
        {
            var now = _elapsed.Elapsed;
            var text = $"{Stamp(now)} {phase} {fraction.ToString("P0", CultureInfo.InvariantCulture)}";
            if (terminal)
            {
                error.Write($"\r  {text,-70}");
            }
            else if (phase != _phase || now - _lastLine >= Every)
            {
                error.WriteLine("  " + text);
                _lastLine = now;
            }
            if (phase != _phase)
            {
                _phaseStarted = now;
            }
            _phase = phase;
        }
    }

    private void StillRunning()
    {
        lock (_gate)
        {
            var now = _elapsed.Elapsed;
            if (!terminal && _phase is not null && now - _lastLine >= Every)
            {
                error.WriteLine($"  {Stamp(now)} {_phase}: still running, for {(int)(now - _phaseStarted).TotalSeconds} s");
                _lastLine = now;
            }
        }
    }

    public void Dispose() => _heartbeat.Dispose();

    /// <summary>A step worth its own line.</summary>
    public void Say(string line)
    {
        lock (_gate)
        {
            error.WriteLine($"{(terminal ? "\r" : "")}{Stamp(_elapsed.Elapsed)} {line}");
            _phase = null;
            _lastLine = _elapsed.Elapsed;
        }
    }

    private static string Stamp(TimeSpan at) => $"[{(int)at.TotalMinutes:00}:{at.Seconds:00}]";
}
