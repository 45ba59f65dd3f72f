using BilateralTimeline.Domain.Time.Reading;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Tests.Time.Reading;

public sealed class DateResolverTests
{
    private static UncertainTime Published(DateOnly from, DateOnly to) =>
        new("publication", "ar", [CandidateInterval.Create(from, to, from == to ? DatePrecision.Day : DatePrecision.Month, ResolutionMethod.Explicit)], []);

    private static UncertainTime Published(DateOnly day) => Published(day, day);

    private static readonly UncertainTime June2024 = Published(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));

    private static readonly UncertainTime Year2024 = Published(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));

    private static readonly UncertainTime Year2022 = Published(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));

    private static CandidateInterval Single(UncertainTime time)
    {
        Assert.Empty(time.Findings);
        return Assert.Single(time.Candidates);
    }

    private static (DateOnly From, DateOnly To)[] Intervals(UncertainTime time) =>
        time.Candidates.Select(c => (c.From, c.To)).ToArray();

    [Fact]
    public void Last_week_relative_to_a_known_day_is_the_previous_monday_to_sunday()
    {
        // 2024-06-05 is a Wednesday; its ISO week is 3–9 June, so last week is 27 May – 2 June.
        var time = DateResolver.Resolve("الأسبوع الماضي", "ar", Published(new DateOnly(2024, 6, 5)));

        var reading = Single(time);
        Assert.Equal(new DateOnly(2024, 5, 27), reading.From);
        Assert.Equal(new DateOnly(2024, 6, 2), reading.To);
        Assert.Equal(DatePrecision.Week, reading.Precision);
        Assert.Equal(ResolutionMethod.RelativeToPublication, reading.Method);
        Assert.Equal("publication 2024-06-05", reading.Anchor);
        Assert.Contains("Monday to Sunday", reading.Reason, StringComparison.Ordinal);
        Assert.Equal("الأسبوع الماضي", time.Phrase);
        Assert.Equal("ar", time.Language);
    }

    [Theory]
    [InlineData("الأسبوع الماضي")]
    [InlineData("وأجرى جيشا إيران وأذربيجان مناورة مشتركة الأسبوع الماضي")]
    [InlineData("last week")]
    public void Last_week_against_a_month_long_publication_window_runs_from_the_week_before_its_first_day_to_the_week_before_its_last(string phrase)
    {
        // 1 June 2024 is a Saturday (week 27 May – 2 June, so the week before is 20–26 May);
        // 30 June is a Sunday (week 24–30 June, so the week before is 17–23 June).
        var reading = Single(DateResolver.Resolve(phrase, "ar", June2024));

        Assert.Equal((new DateOnly(2024, 5, 20), new DateOnly(2024, 6, 23)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Week, reading.Precision);
        Assert.Equal("publication 2024-06-01..2024-06-30", reading.Anchor);
    }

    [Theory]
    [InlineData("الشهر الماضي")]
    [InlineData("وفي الشهر الماضي")]
    [InlineData("last month")]
    public void Last_month_is_the_calendar_month_before_publication(string phrase)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", June2024));

        Assert.Equal((new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Month, reading.Precision);
        Assert.Equal(ResolutionMethod.RelativeToPublication, reading.Method);
    }

    [Fact]
    public void Last_month_against_a_publication_window_over_two_months_covers_both_previous_months()
    {
        var reading = Single(DateResolver.Resolve("الشهر الماضي", "ar", Published(new DateOnly(2024, 5, 15), new DateOnly(2024, 6, 15))));

        Assert.Equal((new DateOnly(2024, 4, 1), new DateOnly(2024, 5, 31)), (reading.From, reading.To));
    }

    [Fact]
    public void Last_month_in_january_is_december_of_the_year_before()
    {
        var reading = Single(DateResolver.Resolve("last month", "en", Published(new DateOnly(2024, 1, 10))));

        Assert.Equal((new DateOnly(2023, 12, 1), new DateOnly(2023, 12, 31)), (reading.From, reading.To));
    }

    [Theory]
    [InlineData("في سبتمبر الماضي")]
    [InlineData("اتفاقية التعاون العسكري الموقعة في سبتمبر الماضي")]
    [InlineData("في أيلول الماضي")]
    [InlineData("last September")]
    public void Last_september_is_the_latest_september_before_the_publication_month(string phrase)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", June2024));

        Assert.Equal((new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 30)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Month, reading.Precision);
        Assert.Equal(ResolutionMethod.RelativeToPublication, reading.Method);
    }

    [Fact]
    public void Last_september_published_in_september_is_the_year_before()
    {
        var reading = Single(DateResolver.Resolve("في سبتمبر الماضي", "ar", Published(new DateOnly(2023, 9, 15))));

        Assert.Equal(new DateOnly(2022, 9, 1), reading.From);
    }

    [Fact]
    public void Last_september_with_a_publication_window_across_september_keeps_both_septembers_apart()
    {
        var time = DateResolver.Resolve("في سبتمبر الماضي", "ar", Published(new DateOnly(2023, 8, 1), new DateOnly(2023, 10, 31)));

        Assert.Equal(
            [(new DateOnly(2022, 9, 1), new DateOnly(2022, 9, 30)), (new DateOnly(2023, 9, 1), new DateOnly(2023, 9, 30))],
            Intervals(time));
        Assert.True(time.IsContested);
    }

    [Theory]
    [InlineData("في عام 2017")]
    [InlineData("في عام ٢٠١٧")]
    [InlineData("in 2017")]
    public void An_explicit_year_is_that_calendar_year(string phrase)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", UncertainTime.Unknown));

        Assert.Equal((new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Year, reading.Precision);
        Assert.Equal(ResolutionMethod.Explicit, reading.Method);
        Assert.Null(reading.Anchor);
    }

    [Theory]
    [InlineData("قبل حوالي خمس سنوات")]
    [InlineData("قبل حوالى خمسة سنوات")]
    [InlineData("about five years ago")]
    [InlineData("about 5 years ago")]
    public void About_five_years_ago_is_five_years_before_publication_give_or_take_a_year(string phrase)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", Year2022));

        Assert.Equal((new DateOnly(2016, 1, 1), new DateOnly(2018, 12, 31)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Year, reading.Precision);
        Assert.Equal(ResolutionMethod.RelativeToPublication, reading.Method);
        Assert.Equal("publication 2022-01-01..2022-12-31", reading.Anchor);
    }

    [Theory]
    [InlineData("قبل سنة", 2023)]
    [InlineData("قبل سنتين", 2022)]
    [InlineData("قبل ثلاث سنوات", 2021)]
    [InlineData("قبل أربع سنوات", 2020)]
    [InlineData("قبل ٥ سنوات", 2019)]
    [InlineData("قبل ست سنوات", 2018)]
    [InlineData("منذ سبع سنوات", 2017)]
    [InlineData("قبل ثماني سنوات", 2016)]
    [InlineData("قبل تسع سنوات", 2015)]
    [InlineData("قبل عشر سنوات", 2014)]
    [InlineData("three years ago", 2021)]
    public void Years_ago_reads_arabic_number_words_and_digits(string phrase, int year)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", Published(new DateOnly(2024, 6, 1))));

        Assert.Equal((new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)), (reading.From, reading.To));
    }

    [Theory]
    [InlineData("بعد 18 شهرا")]
    [InlineData("بعد ١٨ شهرا")]
    [InlineData("18 months later")]
    [InlineData("after 18 months")]
    public void After_18_months_counts_from_the_related_claims_time(string phrase)
    {
        var january2023 = DateResolver.Resolve("يناير/كانون الثاني 2023", "ar", UncertainTime.Unknown);

        var reading = Single(DateResolver.Resolve(phrase, "ar", June2024, january2023));

        Assert.Equal((new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 31)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Month, reading.Precision);
        Assert.Equal(ResolutionMethod.RelativeToClaim, reading.Method);
        Assert.Equal("related time 2023-01-01..2023-01-31", reading.Anchor);
    }

    [Fact]
    public void After_18_months_without_the_related_time_is_kept_unresolved()
    {
        var time = DateResolver.Resolve("بعد 18 شهرا", "ar", June2024);

        Assert.True(time.IsUnknown);
        Assert.Equal(DatePrecision.Unknown, time.Precision);
        Assert.Equal("بعد 18 شهرا", time.Phrase);
        Assert.Contains(time.Findings, f => f.StartsWith("could not resolve", StringComparison.Ordinal) && f.Contains("another time", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("يناير/كانون الثاني 2023")]
    [InlineData("كانون الثاني \\ يناير 2023")]
    [InlineData("كانون الثاني|يناير ٢٠٢٣")]
    [InlineData("في يناير 2023")]
    [InlineData("January 2023")]
    public void An_explicit_month_and_year_is_that_calendar_month(string phrase)
    {
        var reading = Single(DateResolver.Resolve(phrase, "ar", UncertainTime.Unknown));

        Assert.Equal((new DateOnly(2023, 1, 1), new DateOnly(2023, 1, 31)), (reading.From, reading.To));
        Assert.Equal(DatePrecision.Month, reading.Precision);
        Assert.Equal(ResolutionMethod.Explicit, reading.Method);
    }

    [Fact]
    public void Month_names_that_name_different_months_are_a_finding_not_a_guess()
    {
        var time = DateResolver.Resolve("يناير/شباط 2023", "ar", UncertainTime.Unknown);

        Assert.True(time.IsUnknown);
        Assert.Contains(time.Findings, f => f.Contains("month names disagree (January, February)", StringComparison.Ordinal));
    }

    [Fact]
    public void Monday_22_january_with_anchor_year_2024_offers_the_years_in_which_it_was_a_monday()
    {
        var time = DateResolver.Resolve("يوم الإثنين 22 كانون الثاني \\ يناير", "ar", Year2024);

        // Window 2018–2025, bounded by 31 Dec 2024; 22 January was a Monday in 2018 and 2024 only.
        Assert.Equal([(new DateOnly(2018, 1, 22), new DateOnly(2018, 1, 22)), (new DateOnly(2024, 1, 22), new DateOnly(2024, 1, 22))], Intervals(time));
        Assert.DoesNotContain(time.Candidates, c => c.From == new DateOnly(2022, 1, 22));
        Assert.All(time.Candidates, c =>
        {
            Assert.Equal(DatePrecision.Day, c.Precision);
            Assert.Equal(ResolutionMethod.InferredFromContext, c.Method);
            Assert.Equal("publication 2024-01-01..2024-12-31", c.Anchor);
        });
        Assert.Empty(time.Findings);
        Assert.True(time.IsContested);
    }

    [Theory]
    [InlineData("يوم الإثنين 22 كانون الثاني \\ يناير")]
    [InlineData("يوم الاثنين 22 يناير")]
    [InlineData("يوم الإثنين ٢٢ كانون الثاني")]
    [InlineData("يومَ الإثنينِ 22 كانـون الثانـي/يناير")]
    [InlineData("Monday 22 January")]
    [InlineData("Monday, January 22")]
    [InlineData("on Monday, January 22nd")]
    [InlineData("بعد يوم الإثنين 22 يناير")]
    public void Levantine_egyptian_and_english_spellings_of_the_visit_day_read_the_same(string phrase)
    {
        var time = DateResolver.Resolve(phrase, "ar", Year2024);

        Assert.Equal([(new DateOnly(2018, 1, 22), new DateOnly(2018, 1, 22)), (new DateOnly(2024, 1, 22), new DateOnly(2024, 1, 22))], Intervals(time));
    }

    [Fact]
    public void Monday_22_january_published_in_2022_reports_that_22_january_2022_was_a_saturday()
    {
        var time = DateResolver.Resolve("يوم الإثنين 22 كانون الثاني \\ يناير", "ar", Year2022);

        // Window 2016–2023, bounded by 31 Dec 2022: only 2018 has 22 January on a Monday.
        Assert.Equal([(new DateOnly(2018, 1, 22), new DateOnly(2018, 1, 22))], Intervals(time));
        Assert.Contains(time.Findings, f => f.StartsWith("22 January 2022 was a Saturday, not a Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void Monday_22_january_checked_against_another_clue_for_2017_reports_the_weekday_and_the_conflict()
    {
        var in2017 = DateResolver.Resolve("في عام 2017", "ar", UncertainTime.Unknown);

        var time = DateResolver.Resolve("يوم الإثنين 22 كانون الثاني \\ يناير", "ar", Year2024, in2017);

        Assert.Equal(2, time.Candidates.Count);
        Assert.Contains("22 January 2017 was a Sunday, not a Monday (the year another clue points at)", time.Findings);
        Assert.Contains("the readings 2018-01-22 | 2024-01-22 and 2017-01-01..2017-12-31 do not overlap", time.Findings);
    }

    [Fact]
    public void Check_weekday_names_the_actual_weekday()
    {
        Assert.Equal("22 January 2022 was a Saturday, not a Monday", DateResolver.CheckWeekday(new DateOnly(2022, 1, 22), DayOfWeek.Monday));
        Assert.Null(DateResolver.CheckWeekday(new DateOnly(2024, 1, 22), DayOfWeek.Monday));
    }

    [Fact]
    public void An_explicit_date_whose_weekday_disagrees_is_kept_with_a_finding()
    {
        var time = DateResolver.Resolve("الاثنين 22 يناير 2022", "ar", UncertainTime.Unknown);

        var reading = Assert.Single(time.Candidates);
        Assert.Equal(new DateOnly(2022, 1, 22), reading.From);
        Assert.Equal(ResolutionMethod.Explicit, reading.Method);
        Assert.Equal(["22 January 2022 was a Saturday, not a Monday"], time.Findings);
    }

    [Fact]
    public void Readings_that_do_not_overlap_are_reported_and_overlapping_ones_are_not()
    {
        var jan2024 = DateResolver.Resolve("2024-01-22", "en", UncertainTime.Unknown);
        var jan2022 = DateResolver.Resolve("2022-01-22", "en", UncertainTime.Unknown);
        var year2024 = DateResolver.Resolve("in 2024", "en", UncertainTime.Unknown);

        Assert.Equal("the readings 2024-01-22 and 2022-01-22 do not overlap", DateResolver.CheckOverlap(jan2024, jan2022));
        Assert.False(DateResolver.Overlaps(jan2024, jan2022));
        Assert.Null(DateResolver.CheckOverlap(jan2024, year2024));
        Assert.Null(DateResolver.CheckOverlap(jan2024, UncertainTime.Unknown));
    }

    [Fact]
    public void In_2017_about_five_years_ago_keeps_both_clues_and_they_agree_when_published_in_2022()
    {
        var time = DateResolver.Resolve("في عام 2017 (قبل حوالي خمس سنوات)", "ar", Year2022);

        Assert.Equal([(new DateOnly(2016, 1, 1), new DateOnly(2018, 12, 31)), (new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31))], Intervals(time));
        Assert.Empty(time.Findings);
    }

    [Fact]
    public void In_2017_about_five_years_ago_published_in_2024_reports_that_the_clues_disagree()
    {
        var time = DateResolver.Resolve("في عام 2017 (قبل حوالي خمس سنوات)", "ar", Year2024);

        Assert.Equal(2, time.Candidates.Count);
        Assert.Contains(time.Findings, f => f.Contains("do not overlap", StringComparison.Ordinal));
    }

    [Fact]
    public void A_day_and_month_without_weekday_or_year_is_the_latest_such_day_before_publication()
    {
        var time = DateResolver.Resolve("في 24 كانون الثاني\\يناير", "ar", Published(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)));

        var reading = Single(time);
        Assert.Equal(new DateOnly(2024, 1, 24), reading.From);
        Assert.Equal(ResolutionMethod.InferredFromContext, reading.Method);
    }

    [Fact]
    public void A_publication_with_several_candidates_gives_one_reading_each_without_duplicates()
    {
        var twoDaysSameWeek = new UncertainTime("p", "ar",
            [CandidateInterval.Create(new DateOnly(2024, 6, 3), new DateOnly(2024, 6, 3), DatePrecision.Day, ResolutionMethod.Explicit),
             CandidateInterval.Create(new DateOnly(2024, 6, 5), new DateOnly(2024, 6, 5), DatePrecision.Day, ResolutionMethod.Explicit)], []);
        var twoMonths = new UncertainTime("p", "ar",
            [CandidateInterval.Create(new DateOnly(2024, 6, 3), new DateOnly(2024, 6, 3), DatePrecision.Day, ResolutionMethod.Explicit),
             CandidateInterval.Create(new DateOnly(2024, 7, 10), new DateOnly(2024, 7, 10), DatePrecision.Day, ResolutionMethod.Explicit)], []);

        Assert.Single(DateResolver.Resolve("الأسبوع الماضي", "ar", twoDaysSameWeek).Candidates);
        Assert.Equal(
            [(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31)), (new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30))],
            Intervals(DateResolver.Resolve("الشهر الماضي", "ar", twoMonths)));
    }

    [Theory]
    [InlineData("في وقت لاحق")]
    [InlineData("some time ago")]
    [InlineData("قبل سنوات")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("بعد 9999 سنة")]
    [InlineData("31 February 2023")]
    public void A_phrase_it_cannot_read_is_kept_unresolved_with_a_finding(string phrase)
    {
        var other = DateResolver.Resolve("in 2017", "en", UncertainTime.Unknown);

        var time = DateResolver.Resolve(phrase, "ar", June2024, other);

        Assert.Equal(phrase, time.Phrase);
        Assert.True(time.IsUnknown);
        Assert.Equal(DatePrecision.Unknown, time.Precision);
        Assert.Contains(time.Findings, f => f.StartsWith("could not resolve", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("بعد 9999 سنة")]
    [InlineData("قبل 3000 سنة")]
    [InlineData("9000 years later")]
    public void A_reading_beyond_the_calendar_says_so_in_its_own_words_not_the_runtimes(string phrase)
    {
        var other = DateResolver.Resolve("in 2017", "en", UncertainTime.Unknown);

        var time = DateResolver.Resolve(phrase, "ar", June2024, other);

        Assert.True(time.IsUnknown);
        Assert.Equal([$"could not resolve \"{phrase}\": it falls outside the calendar (years 1 to 9999)"], time.Findings);
    }

    [Fact]
    public void A_relative_phrase_with_an_unknown_publication_is_kept_unresolved()
    {
        var time = DateResolver.Resolve("الأسبوع الماضي", "ar", UncertainTime.Unknown);

        Assert.True(time.IsUnknown);
        Assert.Contains(time.Findings, f => f.Contains("publication", StringComparison.Ordinal));
    }

    [Fact]
    public void Diacritics_tatweel_and_alef_forms_do_not_change_the_reading()
    {
        var plain = DateResolver.Resolve("الاسبوع الماضي", "ar", June2024);
        var decorated = DateResolver.Resolve("الأُسْبُوعُ المـاضـي", "ar", June2024);

        Assert.Equal(Intervals(plain), Intervals(decorated));
    }

    [Fact]
    public void Relative_readings_hold_for_every_publication_day_of_two_years()
    {
        for (var day = new DateOnly(2023, 1, 1); day <= new DateOnly(2024, 12, 31); day = day.AddDays(1))
        {
            var published = Published(day);

            var week = Single(DateResolver.Resolve("last week", "en", published));
            Assert.Equal(DayOfWeek.Monday, week.From.DayOfWeek);
            Assert.Equal(6, week.To.DayNumber - week.From.DayNumber);
            Assert.InRange(day.DayNumber - week.To.DayNumber, 1, 7);

            var month = Single(DateResolver.Resolve("الشهر الماضي", "ar", published));
            Assert.Equal(day.AddMonths(-1).Month, month.From.Month);
            Assert.Equal(1, month.From.Day);
            Assert.Equal(day.AddMonths(-1).Month, month.To.Month);
            Assert.Equal(month.From.AddMonths(1).AddDays(-1), month.To);

            var september = Single(DateResolver.Resolve("في سبتمبر الماضي", "ar", published));
            Assert.Equal(9, september.From.Month);
            Assert.True(september.To < new DateOnly(day.Year, day.Month, 1));
            Assert.True(september.From > day.AddYears(-1).AddMonths(-1));
        }
    }
}
