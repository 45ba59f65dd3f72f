using BilateralTimeline.Domain.Time.Reading;
using BilateralTimeline.Domain.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>Laws of <see cref="DateResolver.Resolve"/> over every publication day, year and date FsCheck draws.</summary>
public sealed class DateResolverProperties
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    private static readonly DateOnly Latest = new(2030, 12, 31);

    // The spellings DateWords knows (its tables are private), as a writer would type them.
    private static readonly string[] ArabicMonths = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];

    private static readonly string[] LevantineMonths = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"];

    private static readonly Dictionary<DayOfWeek, string> ArabicWeekdays = new()
    {
        [DayOfWeek.Monday] = "الإثنين", [DayOfWeek.Tuesday] = "الثلاثاء", [DayOfWeek.Wednesday] = "الأربعاء",
        [DayOfWeek.Thursday] = "الخميس", [DayOfWeek.Friday] = "الجمعة", [DayOfWeek.Saturday] = "السبت", [DayOfWeek.Sunday] = "الأحد",
    };

    private static DateOnly DayFrom(int n) => Earliest.AddDays((int)((uint)n % (uint)(Latest.DayNumber - Earliest.DayNumber + 1)));

    private static UncertainTime Published(DateOnly day) =>
        new("publication", "ar", [CandidateInterval.Create(day, day, DatePrecision.Day, ResolutionMethod.Explicit)], []);

    private static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static void AllWellFormed(UncertainTime time) => Assert.All(time.Candidates, c => Assert.True(c.From <= c.To, $"{c.From} > {c.To}"));

    [Property(MaxTest = 500)]
    public void Last_week_is_the_monday_to_sunday_before_the_publication_week(int n, bool arabic)
    {
        var p = DayFrom(n);

        var time = DateResolver.Resolve(arabic ? "الأسبوع الماضي" : "last week", "ar", Published(p));

        var c = Assert.Single(time.Candidates);
        Assert.Equal(6, c.To.DayNumber - c.From.DayNumber);
        Assert.Equal(DayOfWeek.Monday, c.From.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, c.To.DayOfWeek);
        Assert.Equal(WeekStart(p).AddDays(-1), c.To);
    }

    [Property(MaxTest = 500)]
    public void Last_month_is_the_whole_previous_calendar_month(int n, bool arabic)
    {
        var p = DayFrom(n);
        var previous = new DateOnly(p.Year, p.Month, 1).AddMonths(-1);

        var time = DateResolver.Resolve(arabic ? "الشهر الماضي" : "last month", "ar", Published(p));

        var c = Assert.Single(time.Candidates);
        Assert.Equal(previous, c.From);
        Assert.Equal(previous.AddMonths(1).AddDays(-1), c.To);
    }

    [Property(MaxTest = 500)]
    public void Last_named_month_is_that_whole_month_ending_before_the_publication_month(int n, int m, int spelling)
    {
        var p = DayFrom(n);
        var month = (int)((uint)m % 12) + 1;
        var phrase = ((uint)spelling % 3) switch
        {
            0 => $"last {DateWords.EnglishMonthNames[month - 1]}",
            1 => $"في {ArabicMonths[month - 1]} الماضي",
            _ => $"في {LevantineMonths[month - 1]} الماضي",
        };

        var time = DateResolver.Resolve(phrase, "ar", Published(p));

        var c = Assert.Single(time.Candidates);
        Assert.Equal(month, c.From.Month);
        Assert.Equal(1, c.From.Day);
        Assert.Equal(c.From.AddMonths(1).AddDays(-1), c.To);
        Assert.True(c.To < new DateOnly(p.Year, p.Month, 1), $"{phrase} published {p} gave {c.From}..{c.To}");
        Assert.True(c.From >= new DateOnly(p.Year, p.Month, 1).AddYears(-1), $"{phrase} published {p} is not the latest such month: {c.From}");
    }

    [Property(MaxTest = 500)]
    public void In_year_y_is_that_calendar_year(int y)
    {
        var year = 1900 + (int)((uint)y % 200);

        var time = DateResolver.Resolve($"في عام {year}", "ar", UncertainTime.Unknown);

        var c = Assert.Single(time.Candidates);
        Assert.Equal((new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), (c.From, c.To));
    }

    [Property(MaxTest = 500)]
    public void A_weekday_with_day_and_month_only_offers_dates_on_that_weekday(int d, int n, bool arabic, bool sameWeekday)
    {
        // A date in 2000..2030 gives the day and month; the weekday is its own or another.
        var date = DayFrom(d);
        var weekday = sameWeekday ? date.DayOfWeek : (DayOfWeek)(((int)date.DayOfWeek + 1 + (int)((uint)n % 6)) % 7);
        var phrase = arabic
            ? $"يوم {ArabicWeekdays[weekday]} {date.Day} {ArabicMonths[date.Month - 1]}"
            : $"{weekday} {date.Day} {DateWords.EnglishMonthNames[date.Month - 1]}";

        var time = DateResolver.Resolve(phrase, "ar", Published(DayFrom(n)));

        AllWellFormed(time);
        Assert.All(time.Candidates, c =>
        {
            Assert.Equal(c.From, c.To);
            Assert.Equal(weekday, c.From.DayOfWeek);
            Assert.Equal((date.Month, date.Day), (c.From.Month, c.From.Day));
        });
    }

    [Property(MaxTest = 300)]
    public void A_weekday_with_day_and_month_published_on_that_very_day_offers_that_day(int d, bool arabic)
    {
        var date = DayFrom(d);
        var phrase = arabic
            ? $"يوم {ArabicWeekdays[date.DayOfWeek]} {date.Day} {LevantineMonths[date.Month - 1]}"
            : $"on {date.DayOfWeek}, {DateWords.EnglishMonthNames[date.Month - 1]} {date.Day}";

        var time = DateResolver.Resolve(phrase, "ar", Published(date));

        Assert.Contains(time.Candidates, c => c.From == date && c.To == date);
        Assert.All(time.Candidates, c => Assert.Equal(date.DayOfWeek, c.From.DayOfWeek));
    }

    [Property(MaxTest = 1000)]
    public void Any_phrase_resolves_without_throwing_into_well_formed_candidates(string? phrase, int n)
    {
        var time = DateResolver.Resolve(phrase ?? "", "ar", Published(DayFrom(n)));

        Assert.Equal(phrase ?? "", time.Phrase);
        AllWellFormed(time);
    }

    [Property(MaxTest = 1000)]
    public void Unresolvable_ascii_keeps_the_phrase_and_has_no_candidates(int n)
    {
        // Consonants and punctuation: no digit, no month, weekday, unit or relative word can form.
        var random = new Random(n);
        const string alphabet = "bcdfghjklmnpqrstvwxz .,;:-!?'\"";
        var phrase = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

        var time = DateResolver.Resolve(phrase, "en", Published(DayFrom(n)));

        Assert.Equal(phrase, time.Phrase);
        Assert.Empty(time.Candidates);
    }

    [Property(MaxTest = 200)]
    public Property Candidates_of_relative_phrases_are_well_formed_for_any_publication_day() =>
        Prop.ForAll(
            Gen.Elements("الأسبوع الماضي", "الشهر الماضي", "العام الماضي", "الأسبوع المقبل", "this year", "last year", "قبل ثلاثة أشهر", "منذ عامين", "يوم الإثنين").ToArbitrary(),
            ArbMap.Default.GeneratorFor<int>().ToArbitrary(),
            (phrase, n) =>
            {
                var time = DateResolver.Resolve(phrase, "ar", Published(DayFrom(n)));
                AllWellFormed(time);
                return time.Candidates.Count > 0;
            });
}
