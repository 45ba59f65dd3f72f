using System.Text;

namespace BilateralTimeline.Domain.Time.Reading;

public enum DateUnit { Day, Week, Month, Year }

/// <summary>The words the resolver knows, all keyed by their normalised spelling (see <see cref="Normalize"/>).</summary>
public static class DateWords
{
    public static readonly string[] EnglishMonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

    // Egyptian/MSA, Levantine (single-word ones; the two-word ones are matched in FindMonths) and
    // Maghrebi forms, which wire copy mixes freely, plus English names and their abbreviations.
    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["يناير"] = 1, ["فبراير"] = 2, ["مارس"] = 3, ["ابريل"] = 4, ["مايو"] = 5, ["يونيو"] = 6, ["يونيه"] = 6,
        ["يوليو"] = 7, ["يوليه"] = 7, ["اغسطس"] = 8, ["سبتمبر"] = 9, ["اكتوبر"] = 10, ["نوفمبر"] = 11, ["ديسمبر"] = 12,
        ["شباط"] = 2, ["اذار"] = 3, ["نيسان"] = 4, ["ايار"] = 5, ["حزيران"] = 6, ["تموز"] = 7, ["اب"] = 8, ["ايلول"] = 9,
        ["جانفي"] = 1, ["فيفري"] = 2, ["افريل"] = 4, ["ماي"] = 5, ["جوان"] = 6, ["جويليه"] = 7, ["اوت"] = 8,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6,
        ["july"] = 7, ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    // Arabic weekdays only with the article: bare "اثنين" is also the number two.
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["الاثنين"] = DayOfWeek.Monday, ["الثلاثاء"] = DayOfWeek.Tuesday, ["الاربعاء"] = DayOfWeek.Wednesday,
        ["الخميس"] = DayOfWeek.Thursday, ["الجمعه"] = DayOfWeek.Friday, ["السبت"] = DayOfWeek.Saturday,
        ["الاحد"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["واحد"] = 1, ["واحده"] = 1, ["اثنين"] = 2, ["اثنان"] = 2, ["اثنتين"] = 2, ["اثنتان"] = 2,
        ["ثلاث"] = 3, ["ثلاثه"] = 3, ["اربع"] = 4, ["اربعه"] = 4, ["خمس"] = 5, ["خمسه"] = 5,
        ["ست"] = 6, ["سته"] = 6, ["سبع"] = 7, ["سبعه"] = 7, ["ثماني"] = 8, ["ثمان"] = 8, ["ثمانيه"] = 8,
        ["تسع"] = 9, ["تسعه"] = 9, ["عشر"] = 10, ["عشره"] = 10, ["عشرين"] = 20, ["عشرون"] = 20,
        ["a"] = 1, ["an"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["twenty"] = 20,
    };

    // Count is set where the word itself carries it: Arabic duals ("سنتين" = two years) and singulars
    // used without a number ("قبل سنة" = a year ago). Plurals need a number: "قبل سنوات" stays vague.
    private static readonly Dictionary<string, (DateUnit Unit, int? Count)> Units = new(StringComparer.Ordinal)
    {
        ["سنه"] = (DateUnit.Year, 1), ["عام"] = (DateUnit.Year, 1), ["عاما"] = (DateUnit.Year, 1),
        ["سنوات"] = (DateUnit.Year, null), ["سنين"] = (DateUnit.Year, null), ["اعوام"] = (DateUnit.Year, null),
        ["سنتين"] = (DateUnit.Year, 2), ["سنتان"] = (DateUnit.Year, 2), ["عامين"] = (DateUnit.Year, 2), ["عامان"] = (DateUnit.Year, 2),
        ["شهر"] = (DateUnit.Month, 1), ["شهرا"] = (DateUnit.Month, 1), ["اشهر"] = (DateUnit.Month, null), ["شهور"] = (DateUnit.Month, null),
        ["شهرين"] = (DateUnit.Month, 2), ["شهران"] = (DateUnit.Month, 2),
        ["اسبوع"] = (DateUnit.Week, 1), ["اسبوعا"] = (DateUnit.Week, 1), ["اسابيع"] = (DateUnit.Week, null),
        ["اسبوعين"] = (DateUnit.Week, 2), ["اسبوعان"] = (DateUnit.Week, 2),
        ["يوم"] = (DateUnit.Day, 1), ["يوما"] = (DateUnit.Day, 1), ["ايام"] = (DateUnit.Day, null),
        ["يومين"] = (DateUnit.Day, 2), ["يومان"] = (DateUnit.Day, 2),
        ["year"] = (DateUnit.Year, null), ["years"] = (DateUnit.Year, null),
        ["month"] = (DateUnit.Month, null), ["months"] = (DateUnit.Month, null),
        ["week"] = (DateUnit.Week, null), ["weeks"] = (DateUnit.Week, null),
        ["day"] = (DateUnit.Day, null), ["days"] = (DateUnit.Day, null),
    };

    public static readonly HashSet<string> Approximately = new(StringComparer.Ordinal)
    {
        "حوالي", "نحو", "قرابه", "زهاء", "تقريبا", "about", "around", "approximately", "roughly", "nearly", "almost", "some",
    };

    public static readonly HashSet<string> Ago = new(StringComparer.Ordinal) { "قبل", "منذ", "ago" };

    public static readonly HashSet<string> After = new(StringComparer.Ordinal) { "بعد", "after", "later" };

    public static readonly HashSet<string> Last = new(StringComparer.Ordinal)
    {
        "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق", "السابقه", "last", "previous", "past",
    };

    public static readonly HashSet<string> Next = new(StringComparer.Ordinal)
    {
        "المقبل", "المقبله", "القادم", "القادمه", "next", "coming",
    };

    public static readonly HashSet<string> This = new(StringComparer.Ordinal) { "هذا", "هذه", "الحالي", "الجاري", "this" };

    public static readonly HashSet<string> WeekWords = new(StringComparer.Ordinal) { "الاسبوع", "week" };

    public static readonly HashSet<string> MonthWords = new(StringComparer.Ordinal) { "الشهر", "month" };

    public static readonly HashSet<string> YearWords = new(StringComparer.Ordinal) { "العام", "السنه", "year" };

    /// <summary>
    /// Folds the spelling variants that carry no date meaning, so one table entry matches them all:
    /// alef forms, taa marbuta, alef maqsura, tatweel, diacritics, Persian letters, Arabic-Indic and
    /// Persian digits, case, and every separator (including / \ | between alternative month names).
    /// Digits and letters are split apart ("18شهرا", "2017م") because sources run them together.
    /// </summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var previous = ' ';
        foreach (var raw in text)
        {
            var ch = Fold(raw);
            if (ch == '\0')
            {
                continue;
            }
            if (ch != ' ' && previous != ' ' && char.IsAsciiDigit(ch) != char.IsAsciiDigit(previous))
            {
                sb.Append(' ');
            }
            if (ch == ' ' && previous == ' ')
            {
                continue;
            }
            sb.Append(ch);
            previous = ch;
        }
        return sb.ToString().Trim();
    }

    private static char Fold(char ch) => ch switch
    {
        'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        'ی' => 'ي',
        'ک' => 'ك',
        '\u0640' => '\0',
        >= '\u064B' and <= '\u065F' => '\0',
        '\u0670' => '\0',
        >= '\u0610' and <= '\u061A' => '\0',
        '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u061C' => '\0',
        >= '\u0660' and <= '\u0669' => (char)('0' + (ch - '\u0660')),
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (ch - '\u06F0')),
        _ when char.IsLetterOrDigit(ch) => char.ToLowerInvariant(ch),
        _ => ' ',
    };

    public static string[] Tokenize(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The token and its forms without a clinging conjunction or preposition (و ف ب ل).</summary>
    private static IEnumerable<string> Variants(string token)
    {
        yield return token;
        var rest = token;
        for (var i = 0; i < 2 && rest.Length > 3 && "وفبل".Contains(rest[0], StringComparison.Ordinal); i++)
        {
            rest = rest[1..];
            yield return rest;
        }
    }

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
