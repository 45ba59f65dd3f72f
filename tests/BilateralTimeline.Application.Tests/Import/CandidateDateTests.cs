using System.Globalization;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// Candidate dates of the usual shape are read digit by digit (<see cref="TimeDtoValidator.TryParseDate"/>);
/// the framework's exact parser is the oracle, over every day of years around leap-year edges, texts of
/// the same shape with impossible parts, and other texts that go to that parser anyway.
/// </summary>
public sealed class CandidateDateTests
{
    [Fact]
    public void Every_day_and_every_impossible_day_of_the_edge_years_is_read_as_the_framework_reads_it()
    {
        foreach (var year in new[] { 0, 1, 4, 100, 1900, 1999, 2000, 2023, 2024, 2100, 9999 })
        {
            for (var month = 0; month <= 13; month++)
            {
                for (var day = 0; day <= 32; day++)
                {
                    Same($"{year:D4}-{month:D2}-{day:D2}");
                }
            }
        }
    }

    [Fact]
    public void Random_texts_near_the_shape_are_read_as_the_framework_reads_them()
    {
        const string alphabet = "0123456789-/ T:+Z١٢";
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            var text = random.Next(2) == 0
                ? new string([.. "2023-01-10".Select(c => random.Next(5) == 0 ? alphabet[random.Next(alphabet.Length)] : c)])
                : new string([.. Enumerable.Range(0, random.Next(0, 14)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Same(text);
        }
    }

    private static void Same(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedDate);
        Assert.True(expected == TimeDtoValidator.TryParseDate(text, out var date), text);
        Assert.Equal(expectedDate, date);
        Assert.Equal(expected, TimeDtoValidator.BeADate(text));
    }
}
