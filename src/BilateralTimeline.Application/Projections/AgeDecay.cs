using System.Runtime.CompilerServices;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// The score's age factor, 0.5^(age ÷ half-life), for a whole number of days. The indexed state paths
/// raised it once per occurrence per query, which at a million events was the largest part of a warm
/// GET /api/state; ages repeat, so each one is raised once per process, by the same expression as the
/// fold's, and the sums stay bit for bit the fold's.
/// </summary>
internal static class AgeDecay
{
    // About 180 years of ages; an older one (or a negative one, which the callers never pass) is raised each time.
    private const int Remembered = 1 << 16;

    // 0 marks "not yet raised": no remembered age decays to 0 (2^-179 at the oldest).
    private static readonly double[] Factors = new double[Remembered];

    // Inlined into the state scans, as ScoreTerms.OneReading is, for the same reason.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(int ageDays)
    {
        if ((uint)ageDays >= Remembered)
        {
            return Raise(ageDays);
        }
        var factor = Factors[ageDays];
        if (factor == 0)
        {
            // Racing threads store the same value.
            Factors[ageDays] = factor = Raise(ageDays);
        }
        return factor;
    }

    internal static double Raise(int ageDays) => Math.Pow(0.5, ageDays / RelationshipStateProjection.HalfLifeDays);
}
