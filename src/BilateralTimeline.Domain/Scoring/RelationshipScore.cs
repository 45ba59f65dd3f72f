using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Scoring;

/// <summary>
/// The rules of the relationship score (a recency- and confidence-weighted mean of Goldstein weights): how much one
/// claim weighs, how fast age wears that weight, which actors make a high-level contact, and the band a score falls in.
/// </summary>
public static class RelationshipScore
{
    /// <summary>Weights halve for every year of age.</summary>
    public const double HalfLifeDays = 365;

    /// <summary>A claim's weight before age: its confidence on the 0–1 scale (<see cref="ConfidenceScale"/>), halved for an unconfirmed report.</summary>
    public static double ClaimWeight(Confidence confidence, Modality modality) =>
        ConfidenceScale.Score(confidence) / 100.0 * (modality == Modality.Unconfirmed ? 0.5 : 1.0);

    /// <summary>Heads of state and government and ministers: their meetings are the high-level contact the state shows.</summary>
    public static bool IsHighLevel(ActorLevel level) => level is ActorLevel.HeadOfState or ActorLevel.HeadOfGovernment or ActorLevel.Minister;

    /// <summary>The words for a score on the Goldstein scale (−10 most conflictual … +10 most cooperative).</summary>
    public static string Band(double? score) => score switch
    {
        null => "unknown (no scored claims yet)",
        >= 5 => "cooperative",
        >= 2 => "cordial",
        > -2 => "mixed",
        > -6 => "tense",
        _ => "hostile",
    };
}
