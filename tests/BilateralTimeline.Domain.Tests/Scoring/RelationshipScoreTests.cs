using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Domain.Tests.Scoring;

public sealed class RelationshipScoreTests
{
    [Fact]
    public void An_unconfirmed_report_weighs_half_of_the_same_confidence_asserted()
    {
        var b2 = new Confidence(Reliability.B, 2);

        var asserted = RelationshipScore.ClaimWeight(b2, Modality.Asserted);

        Assert.Equal(ConfidenceScale.Score(b2) / 100.0, asserted, 12);
        Assert.Equal(asserted / 2, RelationshipScore.ClaimWeight(b2, Modality.Unconfirmed), 12);
    }

    [Theory]
    [InlineData(null, "unknown (no scored claims yet)")]
    [InlineData(5.0, "cooperative")]
    [InlineData(4.99, "cordial")]
    [InlineData(2.0, "cordial")]
    [InlineData(-1.99, "mixed")]
    [InlineData(-2.0, "tense")]
    [InlineData(-5.99, "tense")]
    [InlineData(-6.0, "hostile")]
    public void Scores_fall_in_bands_closed_at_their_upper_bounds(double? score, string band) =>
        Assert.Equal(band, RelationshipScore.Band(score));

    [Theory]
    [InlineData(ActorLevel.HeadOfState, true)]
    [InlineData(ActorLevel.HeadOfGovernment, true)]
    [InlineData(ActorLevel.Minister, true)]
    [InlineData(ActorLevel.SeniorOfficial, false)]
    [InlineData(ActorLevel.Media, false)]
    public void High_level_contact_is_ministers_and_above(ActorLevel level, bool high) =>
        Assert.Equal(high, RelationshipScore.IsHighLevel(level));
}
