using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Domain.Time;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The state terms keep a version's weight and Goldstein value as the number of a shared pair, and a contact whose days
/// are the single reading's own without days of its own: what a question reads back must be what was set.
/// </summary>
public sealed class StateTermColumnsTests
{
    private static readonly DateOnly Zero = DateOnly.FromDayNumber(0);

    [Property(MaxTest = 100)]
    public void A_pair_reads_back_the_very_numbers_it_was_numbered_for(int seed)
    {
        // Given pairs drawn from a few values (repeats) and from every double, signed zeros among them
        var random = new Random(seed);
        var pairs = new ScorePairs();
        double Draw() => random.Next(4) switch
        {
            0 => random.Next(5) * 0.25,
            1 => random.Next(2) == 0 ? 0.0 : -0.0,
            _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
        };
        var drawn = Enumerable.Range(0, random.Next(1, 300)).Select(_ => (Weight: Draw(), Goldstein: Draw())).ToList();

        // When each is numbered
        var numbers = drawn.Select(p => pairs.Of(p.Weight, p.Goldstein)).ToList();

        // Then each number gives back the exact bits, equal pairs share a number and different bits never do
        for (var i = 0; i < drawn.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(drawn[i].Weight), BitConverter.DoubleToInt64Bits(pairs.Weight(numbers[i])));
            Assert.Equal(BitConverter.DoubleToInt64Bits(drawn[i].Goldstein), BitConverter.DoubleToInt64Bits(pairs.Goldstein(numbers[i])));
        }
        var distinct = drawn.Select(p => (BitConverter.DoubleToInt64Bits(p.Weight), BitConverter.DoubleToInt64Bits(p.Goldstein))).Distinct().Count();
        Assert.Equal(distinct, pairs.Count);
        Assert.Equal(distinct, numbers.Distinct().Count());
    }

    [Fact]
    public void The_score_weighs_each_version_by_its_own_weight_and_goldstein_value()
    {
        // Given three versions, two sharing a pair, all occurred long before the as-of
        var terms = new StateTerms();
        terms.AddCount(1, 1, 3, 0);
        Score(terms, order: 1, weight: 0.9, goldstein: 7.0, days: (100, 100));
        Score(terms, order: 2, weight: 0.3, goldstein: -10.0, days: (110, 112));
        Score(terms, order: 3, weight: 0.9, goldstein: 7.0, days: (120, 120));
        var day = 1_000;

        // When
        var draft = terms.Draft(1, Zero.AddDays(day), 0, null);

        // Then the fold's weighted mean of those very numbers (swapping a weight for a Goldstein value moves it)
        double Term(double weight, int latest) => weight * AgeDecay.Of(day - latest);
        var (a, b, c) = (Term(0.9, 100), Term(0.3, 112), Term(0.9, 120));
        Assert.Equal(Math.Round(((a * 7.0) + (b * -10.0) + (c * 7.0)) / (a + b + c), 2), draft.Score);
        Assert.Equal(3, draft.MovedByCount);
        Assert.Equal([0.9 * AgeDecay.Of(day - 100), 0.3 * AgeDecay.Of(day - 112), 0.9 * AgeDecay.Of(day - 120)], draft.Page.OrderBy(m => m.Version).Select(m => m.Weight), new Close(3));
    }

    [Theory]
    [InlineData(99, -1, false)]
    [InlineData(100, 0, false)]
    [InlineData(110, 0, false)]
    [InlineData(130, 3, true)]
    [InlineData(205, 1, true)]
    [InlineData(400, 1, false)]
    public void The_contact_is_the_latest_one_begun_by_the_as_of_wherever_its_days_are_kept(int day, int expected, bool possibly)
    {
        // Given a contact on a single reading's own days, one beside a reading of other days, one beside a reading of
        // several candidates, and one with no score at all
        var terms = new StateTerms();
        terms.AddCount(1, 1, 4, 0);
        var atScoreDays = Score(terms, order: 1, weight: 1, goldstein: 1, days: (100, 100));
        terms.SetContact(atScoreDays, 100, 100);
        var besideOtherDays = Score(terms, order: 2, weight: 1, goldstein: 1, days: (50, 60));
        terms.SetContact(besideOtherDays, 200, 210);
        var general = terms.AddVersion(3, 0, int.MaxValue);
        terms.SetScore(general, 1, 1, 0, 0, new UncertainTime(null, null, [Candidate(150, 152), Candidate(155, 160)], []));
        terms.SetContact(general, 150, 160);
        var unscored = terms.AddVersion(4, 0, int.MaxValue);
        terms.SetContact(unscored, 120, 180);

        // When
        var draft = terms.Draft(1, Zero.AddDays(day), 0, null);

        // Then
        Assert.Equal(expected, draft.ContactVersion);
        Assert.Equal(possibly, draft.ContactPossibly);
    }

    [Fact]
    public void A_score_set_after_the_contact_is_refused()
    {
        // Given a version whose contact was set first (its days may have been taken for the score's)
        var terms = new StateTerms();
        var version = terms.AddVersion(1, 0, int.MaxValue);
        terms.SetContact(version, 10, 12);

        // Then
        Assert.Throws<InvalidOperationException>(() => terms.SetScore(version, 1, 1, 10, 12, null));
    }

    private static int Score(StateTerms terms, long order, double weight, double goldstein, (int First, int Last) days)
    {
        var version = terms.AddVersion(order, 0, int.MaxValue);
        terms.SetScore(version, weight, goldstein, days.First, days.Last, null);
        return version;
    }

    private static CandidateInterval Candidate(int first, int last) =>
        new(Zero.AddDays(first), Zero.AddDays(last), DatePrecision.Day, ResolutionMethod.Explicit, null, null);

    private sealed class Close(int digits) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Round(x, digits) == Math.Round(y, digits);

        public int GetHashCode(double value) => Math.Round(value, digits).GetHashCode();
    }
}
