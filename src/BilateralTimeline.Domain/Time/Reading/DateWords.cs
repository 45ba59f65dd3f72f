namespace BilateralTimeline.Domain.Time.Reading;

/// <summary>The words the resolver knows, all keyed by their normalised spelling (see <see cref="Normalize"/>).</summary>
public static partial class DateWords
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
}
