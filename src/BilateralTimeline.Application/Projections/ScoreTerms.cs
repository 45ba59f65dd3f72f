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
            var standing = only.To <= asOf ? TimeStanding.Occurred : only.From <= asOf ? TimeStanding.Possibly : TimeStanding.NotYet;
            long total = only.To.DayNumber - only.From.DayNumber + 1;
            long before = asOf >= only.From ? Math.Min(asOf.DayNumber, only.To.DayNumber) - only.From.DayNumber + 1 : 0;
            return (standing, (double)before / total, only.To);
        }
        var general = time.StandingAt(asOf);
        return general is TimeStanding.Occurred or TimeStanding.Possibly
            ? (general, ScoreCurve.ShareBefore(time, asOf), time.Latest!.Value)
            : (general, 0, default);
    }
}
