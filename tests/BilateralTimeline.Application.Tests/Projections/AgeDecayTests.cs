using BilateralTimeline.Application.Projections;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The indexed state paths weigh age from a table: the score is only the fold's when every factor is the
/// one the fold raises itself, bit for bit, at every age, remembered or not, asked once or again.
/// </summary>
public sealed class AgeDecayTests
{
    [Fact]
    public void Every_age_decays_bit_for_bit_as_the_fold_raises_it()
    {
        var differing = new List<int>();
        foreach (var pass in new[] { 1, 2 })
        {
            for (var age = 0; age < 70_000; age++)
            {
                var expected = Math.Pow(0.5, age / RelationshipStateProjection.HalfLifeDays);
                if (BitConverter.DoubleToInt64Bits(AgeDecay.Of(age)) != BitConverter.DoubleToInt64Bits(expected))
                {
                    differing.Add(age);
                }
            }
        }
        Assert.Empty(differing);
    }

    [Fact]
    public void A_year_halves_the_weight()
    {
        Assert.Equal(1.0, AgeDecay.Of(0));
        Assert.Equal(0.5, AgeDecay.Of(365), 15);
        Assert.Equal(0.25, AgeDecay.Of(730), 15);
    }
}
