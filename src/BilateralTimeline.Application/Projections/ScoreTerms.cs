using System.Runtime.CompilerServices;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// What the score needs of an occurrence's time at a date: its standing, the share of it that is past
/// (<see cref="ScoreCurve"/>) and its latest day. Nearly every scored time is one reading, whose three
/// terms are plain arithmetic; the rules' general forms build sequences per call, which a state over a
/// large dyad paid once per occurrence per query. A time of several readings goes to the rules themselves.
/// </summary>
internal static class ScoreTerms
{
    /// <summary><see cref="UncertainTime.StandingAt"/>, <see cref="ScoreCurve.ShareBefore"/> and <see cref="UncertainTime.Latest"/> (only meaningful when it happened or possibly did).</summary>
    public static (TimeStanding Standing, double Share, DateOnly Latest) At(UncertainTime time, DateOnly asOf)
    {
        if (time.Candidates is [var only] && only.From <= only.To)
        {
            var (standing, share, _) = OneReading(only.From.DayNumber, only.To.DayNumber, asOf.DayNumber);
            return (standing, share, only.To);
        }
        var general = time.StandingAt(asOf);
        return general is TimeStanding.Occurred or TimeStanding.Possibly
            ? (general, ScoreCurve.ShareBefore(time, asOf), time.Latest!.Value)
            : (general, 0, default);
    }

    /// <summary>The three terms of a time that is one well-formed reading, on day numbers (what the indexed state rows keep).</summary>
    // Inlined into the state questions' scans, which are compiled fully optimized on their first call: called there, it ran
    // unoptimized for the first few hundred questions of a server, until tiered compilation replaced it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (TimeStanding Standing, double Share, int LatestDay) OneReading(int firstDay, int lastDay, int day)
    {
        var standing = lastDay <= day ? TimeStanding.Occurred : firstDay <= day ? TimeStanding.Possibly : TimeStanding.NotYet;
        long total = lastDay - firstDay + 1;
        long before = day >= firstDay ? Math.Min(day, lastDay) - firstDay + 1 : 0;
        return (standing, (double)before / total, lastDay);
    }
}
