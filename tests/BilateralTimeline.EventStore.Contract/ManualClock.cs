namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// A wall clock the test sets by hand. Only <see cref="GetUtcNow"/> is replaced: timers keep running
/// on real time, so an adapter that polls still polls.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
