using BilateralTimeline.Domain.Scoring;
using System.Text.Json;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// A state answer pages its movers: walking the pages with their cursors gives exactly the movers the
/// whole answer lists, in its order (largest absolute share first, equal shares in ledger order), and
/// every other figure, the score above all, is the whole answer's on every page. The oracle is the
/// state's former derivation, kept here: every mover built, weighed by the scoring rules themselves
/// (<see cref="ScoreCurve.ShareBefore"/>, <see cref="UncertainTime.StandingAt"/>) and sorted with a stable sort.
/// </summary>
public sealed class StatePageProperties
{
    [Property(MaxTest = 300)]
    public void Walking_the_pages_of_movers_gives_the_whole_answers_movers_and_every_page_its_score(int seed)
    {
        var random = new Random(seed);
        // Given occurrences with few distinct Goldstein values, weights and days (so shares tie), some of several readings
        var scored = Enumerable.Range(0, random.Next(0, 60)).Select(i => RandomEntry(random, i)).ToList();
        var parts = new RelationshipStateParts("AZE-IRN", 7, scored.Count, 0, scored, [], []);
        var asOf = HistoryGenerator.Day(random);
        var expected = FormerAt(parts, asOf);

        // When every page of a random size is asked for in turn
        var limit = random.Next(1, 8);
        var walked = new List<ScoreContribution>();
        var skip = 0;
        RelationshipStateView page;
        var pages = 0;
        do
        {
            page = parts.At(asOf, null, skip, limit);
            Assert.True(page.MovedBy.Count <= limit, $"seed {seed}: a page of {page.MovedBy.Count} over the limit {limit}");
            Assert.Equal(expected.Score, page.Score);
            Assert.Equal(expected.MovedBy.Count, page.MovedByCount);
            walked.AddRange(page.MovedBy);
            skip = page.Next is { } next ? PageCursor.SkipOf(next) : -1;
            pages++;
        }
        while (skip >= 0 && pages < 100);

        // Then the pages together are the whole answer's movers, in its order
        Assert.Equal(Json(expected.MovedBy), Json(walked));
        Assert.Equal(Json(expected.MovedBy), Json(parts.At(asOf, null).MovedBy));
        Assert.Equal(Json(expected with { MovedBy = [] }), Json(page with { MovedBy = [], Next = null }));
    }

    [Fact]
    public void A_page_past_the_last_mover_is_empty_and_names_no_next_page()
    {
        var day = new DateOnly(2020, 1, 1);
        var parts = new RelationshipStateParts("AZE-IRN", 2, 2, 0, [Entry("a", 5, 1, [(day, day)]), Entry("b", -5, 1, [(day, day)])], [], []);

        var page = parts.At(day, null, 5, 3);

        Assert.Empty(page.MovedBy);
        Assert.Null(page.Next);
        Assert.Equal(2, page.MovedByCount);
        Assert.Equal((double?)0, page.Score);
    }

    /// <summary>The state's derivation before it was paged: every contribution built, then a stable sort.</summary>
    private static RelationshipStateView FormerAt(RelationshipStateParts parts, DateOnly asOf)
    {
        var contributions = new List<ScoreContribution>();
        double weighted = 0, total = 0;
        foreach (var entry in parts.Scored)
        {
            var standing = entry.Time.StandingAt(asOf);
            if (standing is not (TimeStanding.Occurred or TimeStanding.Possibly))
            {
                continue;
            }
            var age = asOf.DayNumber - Math.Min(asOf.DayNumber, entry.Time.Latest!.Value.DayNumber);
            var weight = entry.Weight * ScoreCurve.ShareBefore(entry.Time, asOf) * Math.Pow(0.5, age / RelationshipStateProjection.HalfLifeDays);
            weighted += weight * entry.Goldstein;
            total += weight;
            contributions.Add(new ScoreContribution(entry.EntryId, entry.Title, entry.Kind, entry.Cameo, entry.Goldstein, weight, 0, TimelineProjection.Format(standing), entry.ClaimIds));
        }
        double? score = total > 0 ? Math.Round(weighted / total, 2) : null;
        var movedBy = contributions
            .Select(c => c with { Weight = Math.Round(c.Weight, 3), Share = total > 0 ? Math.Round(c.Weight * c.Goldstein / total, 2) : 0 })
            .OrderByDescending(c => Math.Abs(c.Share))
            .ToList();
        var whole = parts.At(asOf, null);
        return whole with { Score = score, Band = RelationshipStateProjection.Band(score), MovedBy = movedBy };
    }

    private static ScoredEntry RandomEntry(Random random, int i)
    {
        var readings = Enumerable.Range(0, random.Next(8) == 0 ? random.Next(2, 4) : 1).Select(_ =>
        {
            var from = new DateOnly(2018, 1, 1).AddDays(random.Next(0, 2500));
            return (from, from.AddDays(random.Next(3) == 0 ? 0 : random.Next(0, 400)));
        }).ToList();
        return Entry($"o{i}", (random.Next(9) - 4) * 2.5, random.Next(1, 4) * 0.25, readings);
    }

    private static ScoredEntry Entry(string id, double goldstein, double weight, List<(DateOnly From, DateOnly To)> readings) =>
        new(id, id, "statement", "010", goldstein, weight,
            new UncertainTime(null, null, readings.Select(r => new CandidateInterval(r.From, r.To, DatePrecision.Month, ResolutionMethod.Explicit, null, null)).ToList(), []),
            [id]);

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);
}
