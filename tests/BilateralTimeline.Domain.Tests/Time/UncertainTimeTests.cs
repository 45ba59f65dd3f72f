using System.Globalization;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Tests.Time;

public sealed class UncertainTimeTests
{
    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CandidateInterval Reading(string from, string to, DatePrecision precision = DatePrecision.Day) =>
        CandidateInterval.Create(Day(from), Day(to), precision, ResolutionMethod.Explicit);

    private static UncertainTime Time(params CandidateInterval[] candidates) => new("phrase", "en", candidates, []);

    [Theory]
    [InlineData("2023-01-31", TimeStanding.Occurred)]
    [InlineData("2023-02-15", TimeStanding.Occurred)]
    [InlineData("2023-01-01", TimeStanding.Possibly)]
    [InlineData("2023-01-15", TimeStanding.Possibly)]
    [InlineData("2022-12-31", TimeStanding.NotYet)]
    public void An_interval_stands_relative_to_the_as_of_date(string asOf, TimeStanding expected)
    {
        var january = Time(Reading("2023-01-01", "2023-01-31", DatePrecision.Month));

        Assert.Equal(expected, january.StandingAt(Day(asOf)));
    }

    [Fact]
    public void A_time_without_readings_is_undated_at_any_date()
    {
        Assert.Equal(TimeStanding.Undated, UncertainTime.Unknown.StandingAt(Day("1900-01-01")));
        Assert.Equal(TimeStanding.Undated, UncertainTime.Unknown.StandingAt(Day("2100-01-01")));
        Assert.True(UncertainTime.Unknown.IsUnknown);
        Assert.Equal(DatePrecision.Unknown, UncertainTime.Unknown.Precision);
    }

    [Fact]
    public void A_date_between_two_contested_readings_is_possibly_occurred()
    {
        var mondayTwentySecond = Time(Reading("2017-01-22", "2017-01-22"), Reading("2018-01-22", "2018-01-22"));

        Assert.Equal(TimeStanding.Possibly, mondayTwentySecond.StandingAt(Day("2017-06-01")));
        Assert.Equal(TimeStanding.Occurred, mondayTwentySecond.StandingAt(Day("2018-01-22")));
    }

    [Fact]
    public void Readings_that_do_not_overlap_make_the_time_contested()
    {
        var twoYears = Time(Reading("2017-01-22", "2017-01-22"), Reading("2018-01-22", "2018-01-22"));

        Assert.True(twoYears.IsContested);
    }

    [Fact]
    public void Readings_that_overlap_are_not_contested()
    {
        var monthAndDay = Time(Reading("2017-01-01", "2017-01-31", DatePrecision.Month), Reading("2017-01-22", "2017-01-22"));
        var single = Time(Reading("2017-01-22", "2017-01-22"));

        Assert.False(monthAndDay.IsContested);
        Assert.False(single.IsContested);
    }

    [Fact]
    public void Earliest_and_latest_span_every_reading()
    {
        var readings = Time(Reading("2018-01-22", "2018-01-22"), Reading("2017-01-01", "2017-01-31", DatePrecision.Month), Reading("2017-06-01", "2017-06-07", DatePrecision.Week));

        Assert.Equal(Day("2017-01-01"), readings.Earliest);
        Assert.Equal(Day("2018-01-22"), readings.Latest);
        Assert.Equal(DatePrecision.Month, readings.Precision);
        Assert.Null(UncertainTime.Unknown.Earliest);
        Assert.Null(UncertainTime.Unknown.Latest);
    }

    [Fact]
    public void An_interval_that_ends_before_it_starts_is_refused_on_to()
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => Reading("2023-02-01", "2023-01-31"));

        Assert.Equal("to", violation.Field);
    }
}
