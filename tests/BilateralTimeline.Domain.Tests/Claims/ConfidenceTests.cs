using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Tests.Claims;

public sealed class ConfidenceTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Credibility_outside_one_to_six_is_refused(int credibility)
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => Confidence.Create(Reliability.B, credibility));

        Assert.Equal("confidence.credibility", violation.Field);
        Assert.Contains(credibility.ToString(System.Globalization.CultureInfo.InvariantCulture), violation.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Credibility_at_the_ends_of_the_scale_is_accepted(int credibility)
    {
        var confidence = Confidence.Create(Reliability.F, credibility);

        Assert.Equal($"F{credibility}", confidence.Grade);
    }

    [Theory]
    [InlineData(1, 90)]
    [InlineData(2, 70)]
    [InlineData(3, 50)]
    [InlineData(4, 30)]
    [InlineData(5, 10)]
    [InlineData(6, 50)]
    public void Credibility_maps_to_the_stix_admiralty_row(int credibility, int expected)
    {
        Assert.Equal(expected, ConfidenceScale.CredibilityValue(credibility));
    }

    [Fact]
    public void Likelihood_replaces_credibility_when_given()
    {
        var improbable = new Confidence(Reliability.A, 5);
        var improbableButVeryLikely = new Confidence(Reliability.A, 5, Likelihood.VeryLikely);

        Assert.Equal(ConfidenceScale.CredibilityValue(5), ConfidenceScale.Score(improbable));
        Assert.Equal(ConfidenceScale.LikelihoodValue(Likelihood.VeryLikely), ConfidenceScale.Score(improbableButVeryLikely));
        Assert.True(ConfidenceScale.Score(improbableButVeryLikely) > ConfidenceScale.Score(improbable));
    }

    [Fact]
    public void Likelihood_values_rise_with_the_ICD_203_words()
    {
        var values = Enum.GetValues<Likelihood>().Select(ConfidenceScale.LikelihoodValue).ToList();

        Assert.Equal(values.Order(), values);
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public void Reliability_factor_falls_from_A_to_E()
    {
        var factors = new[] { Reliability.A, Reliability.B, Reliability.C, Reliability.D, Reliability.E }.Select(ConfidenceScale.ReliabilityFactor).ToList();

        for (var i = 1; i < factors.Count; i++)
        {
            Assert.True(factors[i - 1] > factors[i], $"factor of {(Reliability)(i - 1)} ({factors[i - 1]}) should exceed that of {(Reliability)i} ({factors[i]})");
        }
    }

    [Fact]
    public void The_same_information_scores_lower_from_a_less_reliable_source()
    {
        var scores = Enum.GetValues<Reliability>().Where(r => r != Reliability.F).Select(r => ConfidenceScale.Score(new Confidence(r, 2))).ToList();

        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(scores[0] > scores[^1]);
    }

    [Fact]
    public void Confidence_is_described_in_words_keeping_both_grades()
    {
        var words = ConfidenceScale.Describe(new Confidence(Reliability.B, 4));

        Assert.Equal("usually reliable, doubtful", words);
    }
}
