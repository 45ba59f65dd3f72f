namespace BilateralTimeline.Domain.Claims.Corroboration;

/// <summary>
/// The arithmetic of an occurrence's confidence once its best claim is chosen: each independent origin beyond
/// the best claim's adds <see cref="Bonus"/> points up to <see cref="Cap"/> (never lowering a score already above
/// it); an open contradiction on whether it happened takes <see cref="ContestedPenalty"/> off once, never below 0.
/// </summary>
public static class Corroboration
{
    public const int Bonus = 10;

    public const int Cap = 95;

    public const int ContestedPenalty = 10;

    /// <summary>The score after one more independent origin.</summary>
    public static int Corroborate(int score) => Math.Max(score, Math.Min(Cap, score + Bonus));

    /// <summary>The score of a contested occurrence.</summary>
    public static int Contest(int score) => Math.Max(0, score - ContestedPenalty);
}
