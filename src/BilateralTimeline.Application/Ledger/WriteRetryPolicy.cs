namespace BilateralTimeline.Application.Ledger;

/// <summary>
/// How a write that named no expected revision meets a writer in another process that landed first:
/// it is decided again on the newer ledger, at most <see cref="MaxAttempts"/> times, after a pause
/// drawn at random up to a cap that doubles each attempt ("full jitter"), so that racing writers
/// stop meeting each other instead of colliding in step.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included, before the conflict is reported.</param>
/// <param name="FirstPauseCap">The longest pause before the second attempt.</param>
/// <param name="MaxPauseCap">The longest pause ever.</param>
/// <param name="Timer">Where the pauses are timed; tests pass one that does not make them slow.</param>
public sealed record WriteRetryPolicy(int MaxAttempts, TimeSpan FirstPauseCap, TimeSpan MaxPauseCap, TimeProvider Timer)
{
    /// <summary>
    /// A writer gives up only after losing every race for several seconds (25 attempts, pauses capped
    /// at 250 ms), which a desk of a few analysts and an import or two never comes near.
    /// </summary>
    public static WriteRetryPolicy Default { get; } = new(25, TimeSpan.FromMilliseconds(4), TimeSpan.FromMilliseconds(250), TimeProvider.System);

    /// <summary>The pause before attempt <paramref name="nextAttempt"/> (2 or more).</summary>
    public TimeSpan PauseBefore(int nextAttempt, Random random)
    {
        var doublings = Math.Min(nextAttempt - 2, 20);
        var cap = Math.Min(MaxPauseCap.Ticks, FirstPauseCap.Ticks << doublings);
        return TimeSpan.FromTicks(cap <= 0 ? 0 : random.NextInt64(cap + 1));
    }
}
