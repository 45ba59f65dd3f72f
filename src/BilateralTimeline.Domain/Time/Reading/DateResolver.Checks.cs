using static BilateralTimeline.Domain.Time.Reading.CalendarDays;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>Checks between readings: a weekday against its date, two clues against each other.</summary>
public static partial class DateResolver
{
    /// <summary>
    /// A finding such as "22 January 2022 was a Saturday, not a Monday" when <paramref name="date"/>
    /// does not fall on <paramref name="expected"/>; null when it does.
    /// </summary>
    public static string? CheckWeekday(DateOnly date, DayOfWeek expected) =>
        date.DayOfWeek == expected ? null : $"{Describe(date)} was a {date.DayOfWeek}, not a {expected}";

    /// <summary>True when some reading of <paramref name="a"/> shares a day with some reading of <paramref name="b"/>.</summary>
    public static bool Overlaps(UncertainTime a, UncertainTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Candidates.Any(x => b.Candidates.Any(y => x.From <= y.To && y.From <= x.To));
    }

    /// <summary>
    /// A finding such as "the readings 2024-01-22 and 2022-01-22 do not overlap" when two times from
    /// different clues cannot both be right; null when they overlap or either is unknown (no evidence).
    /// </summary>
    public static string? CheckOverlap(UncertainTime a, UncertainTime b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.IsUnknown || b.IsUnknown || Overlaps(a, b))
        {
            return null;
        }
        return $"the readings {a} and {b} do not overlap";
    }
}
