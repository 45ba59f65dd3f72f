namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>What a token means: a month, a weekday, a number, a unit, or one of a set of words.</summary>
public static partial class DateWords
{
    public static int? MonthOf(string token)
    {
        // "اب" (August) is too short to peel prefixes from without matching other words.
        foreach (var variant in Variants(token))
        {
            if (Months.TryGetValue(variant, out var month) && (variant.Length > 2 || variant == token))
            {
                return month;
            }
        }
        return null;
    }

    /// <summary>Month mentions as (month, first token, last token); two-word Levantine names included.</summary>
    public static List<(int Month, int Start, int End)> FindMonths(string[] tokens)
    {
        var found = new List<(int, int, int)>();
        for (var i = 0; i < tokens.Length; i++)
        {
            var head = Variants(tokens[i]).FirstOrDefault(v => v is "كانون" or "تشرين");
            if (head is not null && i + 1 < tokens.Length && tokens[i + 1] is "الثاني" or "الاول")
            {
                var second = tokens[i + 1] == "الثاني";
                found.Add(((head, second) switch
                {
                    ("كانون", true) => 1,
                    ("كانون", false) => 12,
                    (_, true) => 11,
                    _ => 10,
                }, i, i + 1));
                i++;
                continue;
            }
            if (MonthOf(tokens[i]) is { } month)
            {
                found.Add((month, i, i));
            }
        }
        return found;
    }

    public static DayOfWeek? WeekdayOf(string token)
    {
        foreach (var variant in Variants(token))
        {
            if (Weekdays.TryGetValue(variant, out var day))
            {
                return day;
            }
        }
        return null;
    }

    public static int? NumberOf(string token)
    {
        if (token.Length <= 4 && token.All(char.IsAsciiDigit))
        {
            return int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        }
        return Numbers.TryGetValue(token, out var n) ? n : null;
    }

    public static (DateUnit Unit, int? Count)? UnitOf(string token) =>
        Units.TryGetValue(token, out var unit) ? unit : null;

    public static bool IsAny(string token, HashSet<string> words) => Variants(token).Any(words.Contains);
}
