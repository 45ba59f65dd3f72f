using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// The score curve has no cliff at the first or last day of a coarse claim's interval: crossing either
/// moves the score by no more than the claim's pull for one day, weight × (1 day / interval length)
/// (relative to the weight already there, times the gap between its Goldstein weight and the score).
/// The rule before counted half the weight from the first day: a claim dated only "2022" turned the
/// plain demo "hostile" on 1 January 2022.
/// </summary>
public sealed class ScoreCurveProperties
{
    // Two scores rounded to 0.01 each, and one day of ageing of the earlier weights (which the coarse
    // claim, not yet over, does not age by).
    private const double Tolerance = 0.02;

    [Property(MaxTest = 300)]
    public void Crossing_a_coarse_intervals_start_or_end_moves_the_score_by_at_most_one_days_share(int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2016, 1, 1).AddDays(random.Next(0, 3000));
        var length = random.Next(2, 400);
        var end = start.AddDays(length - 1);
        var weight = 0.1 + random.NextDouble();
        var goldstein = Math.Round((random.NextDouble() * 20) - 10, 1);
        // What was already there: one to three earlier occurrences, each on one day well before the start.
        var prior = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => Entry($"prior-{i}", Math.Round((random.NextDouble() * 20) - 10, 1), 0.1 + random.NextDouble(), Day(start.AddDays(-random.Next(1, 2000)))))
            .ToList();
        var coarse = Entry("coarse", goldstein, weight, new UncertainTime(null, null, [new CandidateInterval(start, end, DatePrecision.Year, ResolutionMethod.Explicit, null, null)], []));
        var parts = new RelationshipStateParts("AZE-IRN", 1, prior.Count + 1, 0, [.. prior, coarse], [], []);

        foreach (var day in new[] { start, end })
        {
            var before = parts.At(day.AddDays(-1), null);
            var after = parts.At(day, null);
            var others = after.MovedBy.Where(m => m.EntryId != "coarse").Sum(m => m.Weight);
            var previous = before.Score!.Value;
            var pull = weight / length;
            var bound = Math.Abs(goldstein - previous) * pull / Math.Max(others, 1e-9);

            Assert.True(
                Math.Abs(after.Score!.Value - previous) <= bound + Tolerance,
                $"seed {seed}: {day:yyyy-MM-dd} moved {previous} → {after.Score} (bound {bound:0.000}; interval {start}..{end}, weight {weight:0.00}, goldstein {goldstein})");
        }
    }

    [Fact]
    public void A_reading_weighs_the_share_of_its_days_on_or_before_the_date_counting_overlaps_once()
    {
        var year = new UncertainTime(null, null, [Interval("2022-01-01", "2022-12-31"), Interval("2022-06-01", "2023-01-31")], []);

        Assert.Equal(0, ScoreCurve.ShareBefore(year, new DateOnly(2021, 12, 31)));
        Assert.Equal(1.0 / 396, ScoreCurve.ShareBefore(year, new DateOnly(2022, 1, 1)), 12);
        Assert.Equal(365.0 / 396, ScoreCurve.ShareBefore(year, new DateOnly(2022, 12, 31)), 12);
        Assert.Equal(1, ScoreCurve.ShareBefore(year, new DateOnly(2023, 1, 31)));
    }

    private static ScoredEntry Entry(string id, double goldstein, double weight, UncertainTime time) =>
        new(id, id, "statement", "010", goldstein, weight, time, [id]);

    private static UncertainTime Day(DateOnly day) =>
        new(null, null, [new CandidateInterval(day, day, DatePrecision.Day, ResolutionMethod.Explicit, null, null)], []);

    private static CandidateInterval Interval(string from, string to) =>
        new(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), DatePrecision.Year, ResolutionMethod.Explicit, null, null);
}
