using static BilateralTimeline.Domain.Time.Reading.CalendarDays;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>Periods named relative to the publication: "last week", "this year", "on Monday".</summary>
internal sealed partial class ClueReader
{
    // "الأسبوع الماضي", "last week", "الشهر المقبل", "this year", ...
    private bool TryRelativePeriod(string[] tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            var unit = DateWords.IsAny(tokens[i], DateWords.WeekWords) ? DateUnit.Week
                : DateWords.IsAny(tokens[i], DateWords.MonthWords) ? DateUnit.Month
                : DateWords.IsAny(tokens[i], DateWords.YearWords) ? DateUnit.Year
                : (DateUnit?)null;
            if (unit is null)
            {
                continue;
            }
            // Arabic puts the qualifier after the noun, English before it.
            var offset = OffsetWord(i + 1 < tokens.Length ? tokens[i + 1] : null)
                ?? OffsetWord(i > 0 ? tokens[i - 1] : null);
            if (offset is null)
            {
                continue;
            }
            ReadRelativePeriod(unit.Value, offset.Value);
            return true;
        }
        return false;
    }

    private static int? OffsetWord(string? token) =>
        token is null ? null
        : DateWords.IsAny(token, DateWords.Last) ? -1
        : DateWords.IsAny(token, DateWords.Next) ? 1
        : DateWords.IsAny(token, DateWords.This) ? 0
        : null;

    private void ReadRelativePeriod(DateUnit unit, int offset)
    {
        var which = offset switch { -1 => "before", 1 => "after", _ => "containing" };
        switch (unit)
        {
            case DateUnit.Week:
                ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                    [(StartOfWeek(a).AddDays(7 * offset), EndOfWeek(b).AddDays(7 * offset), $"the ISO week (Monday to Sunday) {which} the publication")],
                    DatePrecision.Week);
                break;
            case DateUnit.Month:
                ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                    [(StartOfMonth(a).AddMonths(offset), EndOfMonth(StartOfMonth(b).AddMonths(offset)), $"the calendar month {which} the publication")],
                    DatePrecision.Month);
                break;
            default:
                ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
                    [(new DateOnly(a.Year + offset, 1, 1), new DateOnly(b.Year + offset, 12, 31), $"the calendar year {which} the publication")],
                    DatePrecision.Year);
                break;
        }
    }

    // "يوم الإثنين" / "on Monday" alone: the latest such weekday on or before the publication.
    private bool TryWeekdayOnly(string[] tokens)
    {
        if (tokens.Select(DateWords.WeekdayOf).FirstOrDefault(d => d is not null) is not { } weekday)
        {
            return false;
        }
        ForEachAnchor(publication, "publication", ResolutionMethod.RelativeToPublication, (a, b) =>
            [(PreviousOrSame(a, weekday), PreviousOrSame(b, weekday), $"the latest {weekday} on or before the publication")],
            DatePrecision.Day);
        return true;
    }
}
