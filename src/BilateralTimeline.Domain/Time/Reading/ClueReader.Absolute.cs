using System.Globalization;
using System.Text.RegularExpressions;
using static BilateralTimeline.Domain.Time.Reading.CalendarDays;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>Dates the words give outright: an ISO date, a day, month and year, a year.</summary>
internal sealed partial class ClueReader
{
    private static string FoldDigitsOnly(string text) =>
        new(text.Select(ch => ch switch
        {
            >= '\u0660' and <= '\u0669' => (char)('0' + (ch - '\u0660')),
            >= '\u06F0' and <= '\u06F9' => (char)('0' + (ch - '\u06F0')),
            _ => ch,
        }).ToArray());

    private void ReadIsoDate(Match iso)
    {
        var year = int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture);
        if (TryDate(year, month, day) is { } date)
        {
            Add(date, date, DatePrecision.Day, ResolutionMethod.Explicit, null, "an explicit calendar date");
        }
        else
        {
            Findings.Add($"could not resolve \"{phrase}\": {iso.Value} is not a calendar date");
        }
    }

    private void ReadExplicit(int year, int month, int? day, DayOfWeek? weekday)
    {
        if (day is null)
        {
            var start = new DateOnly(year, month, 1);
            Add(start, EndOfMonth(start), DatePrecision.Month, ResolutionMethod.Explicit, null, "an explicit month and year");
            return;
        }
        if (TryDate(year, month, day.Value) is not { } date)
        {
            Findings.Add($"could not resolve \"{phrase}\": {day} {DateWords.EnglishMonthNames[month - 1]} {year} does not exist");
            return;
        }
        Add(date, date, DatePrecision.Day, ResolutionMethod.Explicit, null, "an explicit calendar date");
        if (weekday is { } w && DateResolver.CheckWeekday(date, w) is { } finding)
        {
            Findings.Add(finding);
        }
    }

    private bool TryYears(string[] tokens)
    {
        var years = Years(tokens);
        foreach (var year in years)
        {
            Add(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), DatePrecision.Year, ResolutionMethod.Explicit, null, "an explicit year");
        }
        return years.Count > 0;
    }
}
