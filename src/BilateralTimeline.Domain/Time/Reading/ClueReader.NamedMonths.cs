using System.Globalization;
using static BilateralTimeline.Domain.Time.Reading.CalendarDays;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>A named month, with or without a day, a weekday, a year or "last"/"next".</summary>
internal sealed partial class ClueReader
{
    // A day and month with no year: look this many years back from the anchor (and one ahead, bounded
    // by the anchor's latest day) for years in which the weekday matches.
    private const int WeekdayYearsBack = 6;

    private bool TryNamedMonth(string[] tokens)
    {
        var months = DateWords.FindMonths(tokens);
        if (months.Count == 0)
        {
            return false;
        }
        var distinct = months.Select(m => m.Month).Distinct().ToList();
        if (distinct.Count > 1)
        {
            Findings.Add($"could not resolve \"{phrase}\": the month names disagree ({string.Join(", ", distinct.Select(m => DateWords.EnglishMonthNames[m - 1]))})");
            return true;
        }
        var month = distinct[0];
        var day = DayNextTo(tokens, months);
        var weekday = tokens.Select(DateWords.WeekdayOf).FirstOrDefault(d => d is not null);
        var years = Years(tokens);
        var offset = tokens.Select(t => OffsetWord(t)).FirstOrDefault(o => o is not null and not 0);

        if (years.Count > 0)
        {
            foreach (var year in years)
            {
                ReadExplicit(year, month, day, weekday);
            }
            return true;
        }
        if (day is null && offset is { } o)
        {
            ReadMonthRelative(month, o);
            return true;
        }
        if (day is { } d && weekday is { } w)
        {
            ReadDayMonthWeekday(d, month, w);
            return true;
        }
        if (day is { } dd)
        {
            ReadDayMonth(dd, month);
            return true;
        }
        ReadMonthRelative(month, 0);
        return true;
    }

    private static int? DayNextTo(string[] tokens, List<(int Month, int Start, int End)> months)
    {
        foreach (var (_, start, end) in months)
        {
            foreach (var index in new[] { start - 1, end + 1 })
            {
                if (index >= 0 && index < tokens.Length && tokens[index].Length <= 2 && DateWords.NumberOf(tokens[index]) is { } n and >= 1 and <= 31)
                {
                    return n;
                }
            }
        }
        return null;
    }

    private static List<int> Years(string[] tokens) =>
        tokens.Where(t => t.Length == 4 && t.All(char.IsAsciiDigit))
            .Select(t => int.Parse(t, CultureInfo.InvariantCulture))
            .Where(y => y is >= 1800 and <= 2199)
            .Distinct()
            .ToList();

    // "في سبتمبر الماضي" (offset -1): the latest September strictly before the anchor's month;
    // "in September" (offset 0): the latest September not after it; "next September" (+1).
    private void ReadMonthRelative(int month, int offset)
    {
        var name = DateWords.EnglishMonthNames[month - 1];
        var method = offset == 0 ? ResolutionMethod.InferredFromContext : ResolutionMethod.RelativeToPublication;
        var reason = offset switch
        {
            -1 => $"the latest {name} before the month of publication",
            1 => $"the first {name} after the month of publication",
            _ => $"no year given; the latest {name} not after the publication",
        };
        ForEachAnchor(publication, "publication", method, (a, b) =>
        {
            int YearFor(DateOnly d) => offset switch
            {
                -1 => d.Month > month ? d.Year : d.Year - 1,
                1 => d.Month < month ? d.Year : d.Year + 1,
                _ => d.Month >= month ? d.Year : d.Year - 1,
            };
            return Enumerable.Range(YearFor(a), YearFor(b) - YearFor(a) + 1)
                .Select(y => (new DateOnly(y, month, 1), EndOfMonth(new DateOnly(y, month, 1)), reason));
        }, DatePrecision.Month);
    }

    // "24 كانون الثاني\يناير": the latest such day not after the publication.
    private void ReadDayMonth(int day, int month)
    {
        if (TryDate(2000, month, day) is null)
        {
            Findings.Add($"could not resolve \"{phrase}\": {day} {DateWords.EnglishMonthNames[month - 1]} does not exist");
            return;
        }
        ForEachAnchor(publication, "publication", ResolutionMethod.InferredFromContext, (a, b) =>
        {
            var first = LatestOnOrBefore(day, month, a);
            var last = LatestOnOrBefore(day, month, b);
            return Enumerable.Range(first.Year, last.Year - first.Year + 1)
                .Select(y => TryDate(y, month, day))
                .OfType<DateOnly>()
                .Select(date => (date, date, "no year given; the latest such day not after the publication"));
        }, DatePrecision.Day);
    }

    // "يوم الإثنين 22 كانون الثاني \ يناير": every year near the anchor in which that day is that
    // weekday, plus a finding for the year the reader would naturally assume when it disagrees.
    private void ReadDayMonthWeekday(int day, int month, DayOfWeek weekday)
    {
        var monthName = DateWords.EnglishMonthNames[month - 1];
        if (TryDate(2000, month, day) is null)
        {
            Findings.Add($"could not resolve \"{phrase}\": {day} {monthName} does not exist");
            return;
        }
        if (publication.IsUnknown)
        {
            Findings.Add($"could not resolve \"{phrase}\": no year given and the publication time is unknown");
            return;
        }
        ForEachAnchor(publication, "publication", ResolutionMethod.InferredFromContext, (a, b) =>
        {
            // The anchor points at one year when the latest such day before its end falls in the
            // year the anchor starts in, or is the same for its first and last day.
            var natural = LatestOnOrBefore(day, month, b);
            var pointsAtOneYear = natural.Year == a.Year || natural.Year == LatestOnOrBefore(day, month, a).Year;
            if (pointsAtOneYear && DateResolver.CheckWeekday(natural, weekday) is { } finding)
            {
                Findings.Add($"{finding} (the latest {day} {monthName} not after the publication {Show(a, b)})");
            }
            var matches = Enumerable.Range(a.Year - WeekdayYearsBack, b.Year - a.Year + WeekdayYearsBack + 2)
                .Select(y => TryDate(y, month, day))
                .OfType<DateOnly>()
                .Where(date => date <= b && date.DayOfWeek == weekday)
                .ToList();
            if (matches.Count == 0)
            {
                Findings.Add($"no year from {a.Year - WeekdayYearsBack} to {b.Year} has {day} {monthName} on a {weekday}");
            }
            return matches.Select(date => (date, date, $"no year given; {day} {monthName} {date.Year} was a {weekday}"));
        }, DatePrecision.Day);

        if (relativeTo is { IsUnknown: false } other)
        {
            var first = other.Earliest!.Value.Year;
            if (first == other.Latest!.Value.Year && TryDate(first, month, day) is { } hinted && DateResolver.CheckWeekday(hinted, weekday) is { } finding)
            {
                Findings.Add($"{finding} (the year another clue points at)");
            }
            var mine = new UncertainTime(phrase, null, DateResolver.Distinct(Candidates), []);
            if (DateResolver.CheckOverlap(mine, other) is { } disagreement)
            {
                Findings.Add(disagreement);
            }
        }
    }
}
