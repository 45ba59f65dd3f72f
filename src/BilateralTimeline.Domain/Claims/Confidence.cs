namespace BilateralTimeline.Domain.Claims;

/// <summary>Admiralty source reliability: A completely reliable … E unreliable, F cannot be judged.</summary>
public enum Reliability { A, B, C, D, E, F }

/// <summary>ICD 203 expressions of likelihood, each standing for a probability band.</summary>
public enum Likelihood
{
    AlmostNoChance,
    VeryUnlikely,
    Unlikely,
    RoughlyEvenChance,
    Likely,
    VeryLikely,
    AlmostCertain,
}

/// <summary>
/// The two Admiralty grades are kept apart on purpose: how far we trust the source and how far the
/// information is borne out are different questions, merged only when a projection scores.
/// Credibility runs 1 (confirmed by independent sources) to 6 (truth cannot be judged).
/// </summary>
public sealed record Confidence(Reliability Reliability, int Credibility, Likelihood? Likelihood = null)
{
    public static Confidence Create(Reliability reliability, int credibility, Likelihood? likelihood = null)
    {
        if (credibility is < 1 or > 6)
        {
            throw new DomainRuleViolated("confidence.credibility", $"credibility must be 1..6 (1 = confirmed, 6 = cannot be judged), got {credibility}");
        }
        return new Confidence(reliability, credibility, likelihood);
    }

    public string Grade => $"{Reliability}{Credibility}";
}
