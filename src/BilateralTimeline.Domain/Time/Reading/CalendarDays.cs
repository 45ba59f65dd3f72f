using System.Globalization;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>Day arithmetic the reader needs: month and ISO week bounds, calendar steps, dates that may not exist, and how dates are written in findings.</summary>
internal static class CalendarDays
{
    internal static string Describe(DateOnly date) =>
        $"{date.Day} {DateWords.EnglishMonthNames[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

    internal static string Show(DateOnly from, DateOnly to) =>
        from == to ? Iso(from) : $"{Iso(from)}..{Iso(to)}";

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly StartOfMonth(DateOnly d) => new(d.Year, d.Month, 1);

    internal static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    internal static DateOnly StartOfWeek(DateOnly d) => PreviousOrSame(d, DayOfWeek.Monday);

    internal static DateOnly EndOfWeek(DateOnly d) => d.AddDays(((int)DayOfWeek.Sunday - (int)d.DayOfWeek + 7) % 7);

    internal static DateOnly PreviousOrSame(DateOnly d, DayOfWeek weekday) => d.AddDays(-(((int)d.DayOfWeek - (int)weekday + 7) % 7));

    // Calendar arithmetic: a month or year later keeps the day, or the month's last day when it has fewer
    // (31 March + 1 month = 30 April; 29 February + 1 year = 28 February).
    internal static DateOnly Plus(DateOnly d, DateUnit unit, int count) => unit switch
    {
        DateUnit.Year => d.AddYears(count),
        DateUnit.Month => d.AddMonths(count),
        DateUnit.Week => d.AddDays(7 * count),
        _ => d.AddDays(count),
    };

    internal static DateOnly LatestOnOrBefore(int day, int month, DateOnly limit)
    {
        for (var year = limit.Year; ; year--)
        {
            if (TryDate(year, month, day) is { } date && date <= limit)
            {
                return date;
            }
        }
    }

    internal static DateOnly? TryDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
