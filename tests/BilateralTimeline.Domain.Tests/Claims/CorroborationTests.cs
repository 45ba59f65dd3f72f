using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Claims.Corroboration;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Tests.Claims;

public sealed class CorroborationTests
{
    [Theory]
    [InlineData(50, 60)]
    [InlineData(90, 95)]
    [InlineData(95, 95)]
    [InlineData(97, 97)]
    public void An_independent_origin_adds_the_bonus_up_to_the_cap_and_never_lowers_a_score(int score, int raised) =>
        Assert.Equal(raised, Corroboration.Corroborate(score));

    [Theory]
    [InlineData(60, 50)]
    [InlineData(5, 0)]
    public void A_contested_occurrence_loses_the_penalty_once_never_below_zero(int score, int lowered) =>
        Assert.Equal(lowered, Corroboration.Contest(score));

    [Fact]
    public void The_origin_is_the_innermost_cited_agency_or_outlet_else_the_source()
    {
        Assert.Equal(("src-1", IndependentOrigins.SourceKind), IndependentOrigins.Of(Claim()));
        Assert.Equal(("IRNA", "agency"), IndependentOrigins.Of(Claim(new AttributionLink("Al-Monitor", AttributionKind.Outlet), new AttributionLink(" IRNA ", AttributionKind.Agency), new AttributionLink("a minister", AttributionKind.Speaker))));
        Assert.Equal(("Iranian media", IndependentOrigins.CollectiveKind), IndependentOrigins.Of(Claim(new AttributionLink("Iranian media", AttributionKind.Outlet))));
    }

    [Theory]
    [InlineData(Modality.Asserted, true)]
    [InlineData(Modality.Reported, true)]
    [InlineData(Modality.Unconfirmed, true)]
    [InlineData(Modality.Opinion, false)]
    [InlineData(Modality.Denial, false)]
    public void Only_claims_that_say_it_happened_are_evidence_that_it_did(Modality modality, bool says) =>
        Assert.Equal(says, modality.SaysItHappened());

    [Theory]
    [InlineData("Iranian media", true)]
    [InlineData("Azerbaijani media", true)]
    [InlineData("sources", true)]
    [InlineData("observers", true)]
    [InlineData("informed sources", true)]
    [InlineData("Western news agencies", true)]
    [InlineData("وسائل إعلام إيرانية", true)]
    [InlineData("مصادر مطلعة", true)]
    [InlineData("IRNA", false)]
    [InlineData("Fars news agency", false)]
    [InlineData("Al-Monitor", false)]
    [InlineData("X (formerly Twitter)", false)]
    [InlineData("Iranian media, including the IRNA and Fars news agencies", false)]
    [InlineData("وكالة إرنا", false)]
    public void A_name_is_collective_only_when_it_identifies_no_one(string name, bool collective) =>
        Assert.Equal(collective, CollectiveNames.IsCollective(name));

    private static ClaimRecorded Claim(params AttributionLink[] attribution) =>
        new("c-1", "src-1", "meeting", "They met", Modality.Asserted, [], null, UncertainTime.Unknown, attribution, [], new Confidence(Reliability.B, 2), [], null);
}
