using BilateralTimeline.Application.Dates;

namespace BilateralTimeline.Application.Tests.Dates;

public sealed class ZonedTimesTests
{
    [Fact]
    public void Tehran_kept_daylight_saving_time_until_2022_so_the_same_clock_time_has_two_offsets()
    {
        var summer2021 = ZonedTimes.Read("2021-06-01T08:00", "Asia/Tehran", out _)!;
        var summer2023 = ZonedTimes.Read("2023-06-01T08:00", "Asia/Tehran", out _)!;

        Assert.Equal(TimeSpan.FromHours(4.5), summer2021.Instant.Offset);
        Assert.Equal(TimeSpan.FromHours(3.5), summer2023.Instant.Offset);
        Assert.Equal(new DateTimeOffset(2021, 6, 1, 3, 30, 0, TimeSpan.Zero), summer2021.Instant.ToUniversalTime());
    }

    [Fact]
    public void Eight_in_Tehran_and_half_past_eight_in_Baku_are_the_same_instant()
    {
        var tehran = ZonedTimes.Read("2023-06-01T08:00", "Asia/Tehran", out _)!;
        var baku = ZonedTimes.Read("2023-06-01T08:30", "Asia/Baku", out _)!;

        Assert.Equal(tehran.Instant.UtcDateTime, baku.Instant.UtcDateTime);
        Assert.Equal(new DateOnly(2023, 6, 1), tehran.LocalDate);
    }

    [Fact]
    public void A_clock_time_skipped_by_the_spring_change_is_an_error_not_a_guess()
    {
        var reading = ZonedTimes.Read("2021-03-22T00:30", "Asia/Tehran", out var error);

        Assert.Null(reading);
        Assert.Contains("did not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clock_time_that_happened_twice_keeps_the_earlier_with_a_finding()
    {
        var reading = ZonedTimes.Read("2021-09-21T23:30", "Asia/Tehran", out _)!;

        Assert.Equal(TimeSpan.FromHours(4.5), reading.Instant.Offset);
        Assert.Contains("happened twice", reading.Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-05-19T13:30", null, "no offset and no zone")]
    [InlineData("2024-05-19T13:30", "Asia/Nowhere", "not an IANA time zone")]
    [InlineData("19 May 2024", "Asia/Tehran", "not a local date-time")]
    public void Unreadable_times_say_what_to_write(string text, string? zone, string expected)
    {
        Assert.Null(ZonedTimes.Read(text, zone, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_with_its_own_offset_needs_no_zone()
    {
        var reading = ZonedTimes.Read("2024-05-19T13:30:00+03:30", null, out _)!;

        Assert.Equal(new DateTimeOffset(2024, 5, 19, 10, 0, 0, TimeSpan.Zero), reading.Instant.ToUniversalTime());
    }
}
