using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Domain.Tests.Claims;

public sealed class ClaimKindsTests
{
    [Fact]
    public void An_unknown_kind_is_refused_on_kind_listing_the_known_ones()
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => ClaimKinds.Get("embassy-closure"));

        Assert.Equal("kind", violation.Field);
        Assert.Contains("reduce-relations", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_sits_on_the_goldstein_scale_and_context_kinds_weigh_nothing()
    {
        Assert.All(ClaimKinds.Catalogue, k => Assert.InRange(k.Goldstein, -10.0, 10.0));
        Assert.All(ClaimKinds.Catalogue.Where(k => k.Cameo == "context"), k => Assert.Equal(0.0, k.Goldstein));
        Assert.True(ClaimKinds.Get("fight").Goldstein < ClaimKinds.Get("reduce-relations").Goldstein);
        Assert.True(ClaimKinds.Get("agreement").Goldstein > ClaimKinds.Get("meeting").Goldstein);
    }

    [Fact]
    public void Only_meetings_and_visits_made_or_hosted_count_as_contact()
    {
        var contact = ClaimKinds.Catalogue.Where(k => k.Contact).Select(k => k.Kind).Order(StringComparer.Ordinal);

        Assert.Equal(["host-visit", "meeting", "visit"], contact);
    }
}
