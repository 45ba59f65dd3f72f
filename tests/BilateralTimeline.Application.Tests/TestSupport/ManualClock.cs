namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>A clock the test moves by hand, so events recorded by different imports carry different times.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Set(DateTimeOffset now) => _now = now;
}
