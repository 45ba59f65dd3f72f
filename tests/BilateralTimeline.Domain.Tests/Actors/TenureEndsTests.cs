using BilateralTimeline.Domain.Actors.Tenures;

namespace BilateralTimeline.Domain.Tests.Actors;

public sealed class TenureEndsTests
{
    private static readonly DateOnly May1 = new(2024, 5, 1);
    private static readonly DateOnly May19 = new(2024, 5, 19);
    private static readonly DateOnly May31 = new(2024, 5, 31);

    [Fact]
    public void The_sharper_end_is_narrower_and_an_undated_end_is_the_widest()
    {
        Assert.Equal(0, TenureEnds.Width(May19, May19));
        Assert.Equal(30, TenureEnds.Width(May1, May31));
        Assert.Equal(long.MaxValue, TenureEnds.Width(null, null));
    }

    [Fact]
    public void Ends_agree_when_their_days_meet_or_one_is_undated()
    {
        Assert.True(TenureEnds.Agree((May1, May31), (May19, May19)));
        Assert.False(TenureEnds.Agree((May1, May19), (May31, May31)));
        Assert.True(TenureEnds.Agree((null, null), (May31, May31)));
    }

    [Fact]
    public void A_sighting_is_after_the_end_only_past_its_latest_day_and_possibly_after_past_its_earliest()
    {
        Assert.Equal(SeenAfterEnd.After, TenureEnds.Sighting(new DateOnly(2024, 6, 1), May1, May31));
        Assert.Equal(SeenAfterEnd.PossiblyAfter, TenureEnds.Sighting(May19, May1, May31));
        Assert.Null(TenureEnds.Sighting(May1, May1, May31));
        Assert.Null(TenureEnds.Sighting(May1, null, null));
    }
}
