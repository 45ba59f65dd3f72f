using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Scoring;

/// <summary>
/// How much of an uncertain time counts as past at a valid-time date V: the share of its days (the union
/// of its readings) that lie on or before V. A claim dated only "2022" weighs 1/365 of its weight on
/// 1 January 2022 and all of it on 31 December, so the score slides through the year instead of jumping
/// on its first day as if the whole year had already happened (the rule used before counted half from
/// the first day). A reading of single days counts each day as one step, as it must: the thing either
/// happened that day or not.
/// </summary>
public static class ScoreCurve
{
    public static double ShareBefore(UncertainTime time, DateOnly asOf)
    {
        if (time.Candidates.Count == 0)
        {
            return 0;
        }
        long total = 0, before = 0;
        DateOnly? coveredTo = null;
        foreach (var (from, to) in time.Candidates.Select(c => (c.From, c.To)).OrderBy(c => c.From))
        {
            // Readings often overlap (two publication readings of "last week"): count each day once.
            var start = coveredTo is { } covered && covered >= from ? covered.AddDays(1) : from;
            if (start > to)
            {
                continue;
            }
            total += to.DayNumber - start.DayNumber + 1;
            if (asOf >= start)
            {
                before += Math.Min(asOf.DayNumber, to.DayNumber) - start.DayNumber + 1;
            }
            coveredTo = coveredTo is { } c && c > to ? c : to;
        }
        return total == 0 ? 0 : (double)before / total;
    }
}
