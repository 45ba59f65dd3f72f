using BilateralTimeline.Application.Projections.StateVersions;
using FsCheck;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The state terms walk their versions in entry order. The packed sort (one array of numbers) must give the order
/// the sort of keys with items gives, its oracle; orders it cannot pack (past 2^40 in either range) fall back to it.
/// </summary>
public sealed class StateTermOrderTests
{
    private const long Lone = 1L << 62;

    [Property(MaxTest = 200)]
    public void The_packed_sort_walks_the_versions_in_the_order_of_the_keyed_sort(int seed)
    {
        // Given versions with distinct orders, positions and lone positions mixed, some of one entry ended
        var random = new Random(seed);
        var terms = new StateTerms();
        var orders = new List<long>();
        var seen = new HashSet<long>();
        for (var i = random.Next(0, 3000); i > 0; i--)
        {
            var position = random.Next(3) == 0 ? random.NextInt64(1L << 40) : random.NextInt64(5000);
            var order = random.Next(4) == 0 ? Lone + position : position;
            if (seen.Add(order))
            {
                Assert.Equal(orders.Count, terms.AddVersion(order, random.Next(100), int.MaxValue));
                orders.Add(order);
            }
        }

        // When
        var packed = terms.SortedPacked();
        var keyed = terms.SortedByKeys();

        // Then
        Assert.NotNull(packed);
        Assert.Equal(keyed, packed);
        Assert.Equal(orders.Order(), keyed.Select(v => orders[v]));
    }

    [Property(MaxTest = 200)]
    public void Versions_added_after_a_sort_are_merged_into_the_order_a_fresh_sort_gives(int seed)
    {
        // Given terms sorted once, then a tail of versions added, some orders repeating earlier ones (an entry's next version)
        var random = new Random(seed);
        var terms = new StateTerms();
        var orders = new List<long>();
        void Add(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var order = orders.Count > 0 && random.Next(3) == 0 ? orders[random.Next(orders.Count)] : random.Next(4) == 0 ? Lone + random.Next(5000) : random.Next(5000);
                terms.AddVersion(order, random.Next(100), int.MaxValue);
                orders.Add(order);
            }
        }
        Add(random.Next(1, 3000));
        var before = terms.SortedPacked()!;
        var from = orders.Count;
        Add(random.Next(0, 400));

        // When
        var merged = terms.MergedWith(before, from);

        // Then: the very order the packed sort gives (ties by version number)
        Assert.Equal(terms.SortedPacked(), merged);
    }

    [Theory]
    [InlineData(1L << 40)]
    [InlineData(Lone + (1L << 40))]
    [InlineData(-1L)]
    public void An_order_the_packed_sort_cannot_hold_falls_back_to_the_keyed_sort(long outside)
    {
        // Given one version whose order does not pack among others that do
        var terms = new StateTerms();
        terms.AddVersion(7, 0, int.MaxValue);
        terms.AddVersion(outside, 0, int.MaxValue);
        terms.AddVersion(3, 0, int.MaxValue);

        // Then
        Assert.Null(terms.SortedPacked());
        Assert.Equal(outside < 0 ? [1, 2, 0] : new[] { 2, 0, 1 }, terms.SortedByKeys());
    }

    [Fact]
    public void Versions_not_read_are_never_walked_and_ending_one_is_refused()
    {
        // Given five version numbers of which three were read, from a segment read in part up to count 40
        var terms = new StateTerms();
        terms.AddPartialCounts(40, 1000, 12, 3, 1);
        terms.PartialUpTo(40);
        var first = terms.AddVersionSlots(5);
        terms.SetVersion(first + 3, 9, 10, int.MaxValue);
        terms.SetVersion(first + 0, 4, 2, int.MaxValue);
        terms.SetVersion(first + 4, 6, 30, int.MaxValue);

        // Then the walks hold the three, in order
        Assert.Equal(new[] { 0, 4, 3 }, terms.SortedPacked());
        Assert.Equal(new[] { 0, 4, 3 }, terms.SortedByKeys());
        Assert.Equal(2, terms.Unread);
        Assert.Equal(new long[] { 4, 6, 9 }, terms.OpenByOrder().Keys.Order());

        // And a version not read cannot be ended, nor a state drawn before the count the terms answer from
        Assert.Throws<InvalidDataException>(() => terms.End(first + 1, 35));
        Assert.Throws<InvalidOperationException>(() => terms.Draft(39, new DateOnly(2020, 1, 1), 0, null));
        Assert.Equal(12, terms.Draft(40, new DateOnly(2020, 1, 1), 0, null).LastPosition);
    }
}
