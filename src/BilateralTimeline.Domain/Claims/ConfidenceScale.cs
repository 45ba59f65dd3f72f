namespace BilateralTimeline.Domain.Claims;

/// <summary>
/// Maps the grades to a 0–100 scale for scoring only. Credibility follows the Admiralty row of
/// STIX 2.1 Appendix B (1→90 … 5→10; 6 cannot be judged → 50, neither for nor against); likelihood
/// uses the midpoint of its ICD 203 band and, when given, replaces the credibility value because it
/// is the analyst's more specific judgement. Reliability then scales the value: a rumour from an
/// unreliable outlet moves the score less than the same words from a reliable one.
/// </summary>
public static class ConfidenceScale
{
    public static int CredibilityValue(int credibility) => credibility switch
    {
        1 => 90,
        2 => 70,
        3 => 50,
        4 => 30,
        5 => 10,
        _ => 50,
    };

    public static int LikelihoodValue(Likelihood likelihood) => likelihood switch
    {
        Likelihood.AlmostNoChance => 3,
        Likelihood.VeryUnlikely => 12,
        Likelihood.Unlikely => 30,
        Likelihood.RoughlyEvenChance => 50,
        Likelihood.Likely => 68,
        Likelihood.VeryLikely => 87,
        _ => 97,
    };

    public static double ReliabilityFactor(Reliability reliability) => reliability switch
    {
        Reliability.A => 1.0,
        Reliability.B => 0.9,
        Reliability.C => 0.75,
        Reliability.D => 0.5,
        Reliability.E => 0.25,
        _ => 0.6,
    };

    public static int Score(Confidence confidence)
    {
        var information = confidence.Likelihood is { } l ? LikelihoodValue(l) : CredibilityValue(confidence.Credibility);
        return (int)Math.Round(information * ReliabilityFactor(confidence.Reliability));
    }

    public static string Describe(Confidence c)
    {
        var reliability = c.Reliability switch
        {
            Reliability.A => "completely reliable",
            Reliability.B => "usually reliable",
            Reliability.C => "fairly reliable",
            Reliability.D => "not usually reliable",
            Reliability.E => "unreliable",
            _ => "reliability cannot be judged",
        };
        var credibility = c.Credibility switch
        {
            1 => "confirmed",
            2 => "probably true",
            3 => "possibly true",
            4 => "doubtful",
            5 => "improbable",
            _ => "truth cannot be judged",
        };
        return c.Likelihood is { } l ? $"{reliability}, {credibility}, {l}" : $"{reliability}, {credibility}";
    }
}
