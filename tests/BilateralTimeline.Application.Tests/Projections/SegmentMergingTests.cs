using BilateralTimeline.Application.Projections;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A segment that <see cref="SegmentMerging.NeverMerged"/> says merging never takes in is read without its ended
/// versions, so the claim must hold against <see cref="SegmentMerging.Keep"/> itself, its oracle: for any segments
/// before it, any run after it and any tail, no merge reaches it.
/// </summary>
public sealed class SegmentMergingTests
{
    [Property(MaxTest = 2000)]
    public void No_run_of_tails_ever_merges_a_segment_said_never_to_be_merged(int seed)
    {
        // Given a cap, a threshold, a segment and random segments after it
        var random = new Random(seed);
        var cap = random.Next(4, 400);
        var shortBelow = random.Next(1, cap);
        var lengths = new List<int>();
        for (var i = random.Next(0, 4); i > 0; i--)
        {
            lengths.Add(random.Next(1, cap + 1));
        }
        var at = lengths.Count;
        lengths.Add(random.Next(1, cap + 1));
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            lengths.Add(random.Next(1, (cap / 2) + 1));
        }

        // When any tail comes
        var keep = SegmentMerging.Keep(lengths, random.Next(1, cap + 1), shortBelow, cap);

        // Then a segment said never to be merged is kept
        if (SegmentMerging.NeverMerged(lengths[at], shortBelow, cap))
        {
            Assert.True(keep > at, $"cap {cap}, short below {shortBelow}: a segment of {lengths[at]} merged with [{string.Join(", ", lengths.Skip(at + 1))}]");
        }
    }

    [Theory]
    [InlineData(65536, 1024, 43690, false)]
    [InlineData(65536, 1024, 43691, true)]
    [InlineData(30, 1, 20, false)]
    [InlineData(30, 1, 21, true)]
    [InlineData(30, 64, 64, false)]
    public void The_longest_mergeable_segment_is_two_thirds_of_the_cap_or_the_short_threshold(int cap, int shortBelow, int length, bool never)
    {
        Assert.Equal(never, SegmentMerging.NeverMerged(length, shortBelow, cap));
    }

    [Theory]
    [InlineData(65536, 43690)]
    [InlineData(30, 20)]
    public void A_segment_of_two_thirds_of_the_cap_can_still_be_merged(int cap, int length)
    {
        // The bound is tight: a tail of the rest of the cap is at least half its length, so it merges.
        Assert.Equal(0, SegmentMerging.Keep([length], cap - length, 1, cap));
    }
}
