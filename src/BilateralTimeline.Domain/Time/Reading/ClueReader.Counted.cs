using static BilateralTimeline.Domain.Time.Reading.CalendarDays;

namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>Phrases that count units from an anchor: "about five years ago", "after 18 months".</summary>
internal sealed partial class ClueReader
{
    // "about" widens by one unit either side: enough to cover rounding by the writer, and it keeps
    // "about five years ago" and an explicit "in 2017" comparable.
    private const int AboutTolerance = 1;

    // "قبل حوالي خمس سنوات", "about five years ago", "بعد 18 شهرا", "18 months later".
    private bool TryQuantity(string[] tokens)
    {
        var ago = tokens.Any(t => DateWords.IsAny(t, DateWords.Ago));
        var after = tokens.Any(t => DateWords.IsAny(t, DateWords.After));
        if (ago == after)
        {
            return false;
        }
        for (var i = 0; i < tokens.Length; i++)
        {
            // "يوم الإثنين" names a day ("on Monday"), it does not count one.
            if (DateWords.UnitOf(tokens[i]) is not { } unit
                || (i + 1 < tokens.Length && DateWords.WeekdayOf(tokens[i + 1]) is not null))
            {
                continue;
            }
            var count = i > 0 ? DateWords.NumberOf(tokens[i - 1]) : null;
            count ??= unit.Count;
            if (count is null)
            {
                Findings.Add($"could not resolve \"{phrase}\": how many {unit.Unit.ToString().ToLowerInvariant()}s is not said");
                return true;
            }
            var about = tokens.Any(t => DateWords.IsAny(t, DateWords.Approximately));
            if (ago)
            {
                Shift(publication, "publication", "the publication", ResolutionMethod.RelativeToPublication, unit.Unit, -count.Value, about);
            }
            else if (relativeTo is null || relativeTo.IsUnknown)
            {
                Findings.Add($"could not resolve \"{phrase}\": it counts from another time, which was not given or is unknown");
            }
            else
            {
                var described = relativeTo.Phrase is { Length: > 0 } p ? $"\"{p}\"" : "the related time";
                Shift(relativeTo, "related time", described, ResolutionMethod.RelativeToClaim, unit.Unit, count.Value, about);
            }
            return true;
        }
        return false;
    }

    private void Shift(UncertainTime anchor, string anchorName, string described, ResolutionMethod method, DateUnit unit, int count, bool about)
    {
        var slack = about ? AboutTolerance : 0;
        var direction = count < 0 ? "before" : "after";
        var amount = $"{(about ? "about " : "")}{Math.Abs(count)} {unit.ToString().ToLowerInvariant()}(s) {direction} {described}";
        var tolerance = about ? $", widened by {AboutTolerance} {unit.ToString().ToLowerInvariant()} either side" : "";
        ForEachAnchor(anchor, anchorName, method, (a, b) =>
        {
            var from = Plus(Plus(a, unit, count), unit, -slack);
            var to = Plus(Plus(b, unit, count), unit, slack);
            var window = unit switch
            {
                DateUnit.Year => (new DateOnly(from.Year, 1, 1), new DateOnly(to.Year, 12, 31)),
                DateUnit.Month => (StartOfMonth(from), EndOfMonth(to)),
                DateUnit.Week => (StartOfWeek(from), EndOfWeek(to)),
                _ => (from, to),
            };
            return [(window.Item1, window.Item2, amount + tolerance)];
        }, unit switch
        {
            DateUnit.Year => DatePrecision.Year,
            DateUnit.Month => DatePrecision.Month,
            DateUnit.Week => DatePrecision.Week,
            _ => DatePrecision.Day,
        });
    }
}
