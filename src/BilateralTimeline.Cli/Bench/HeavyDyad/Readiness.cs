using System.Diagnostics;
using System.Globalization;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// How long one warm server may take to become ready (listen, catch its projections up, answer its
/// warm-up), all steps together, and what it was doing when that ran out: a benchmark whose server
/// never gets ready stops with a message saying so instead of waiting for ever.
/// </summary>
internal sealed class Readiness(string db, TimeSpan bound)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    /// <summary>What the server is waiting on, as precisely as the last look at it could say.</summary>
    public string? Doing { get; set; }

    /// <summary>Runs <paramref name="step"/> (<paramref name="what"/>) within what is left of the bound; running out is a <see cref="ServerNotReadyException"/>.</summary>
    public async Task<T> WithinAsync<T>(string what, Func<CancellationToken, Task<T>> step, CancellationToken ct)
    {
        Doing = what;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Max(TimeSpan.Zero, bound - _since.Elapsed));
        try
        {
            return await step(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ServerNotReadyException(
                $"bt serve on {db} was not ready within {bound.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (--ready-within); last seen: {Doing}. "
                + "A first server on a large store catches its projections up and builds its query index before it answers; give it longer with --ready-within SECONDS, or measure smaller --sizes");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>The benchmark's server did not become ready within --ready-within.</summary>
internal sealed class ServerNotReadyException(string message) : Exception(message);
