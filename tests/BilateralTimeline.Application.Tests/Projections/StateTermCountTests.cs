using BilateralTimeline.Application.Projections.StateVersions;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The count of events a known-at cuts the terms at is found by halving when the recording times never go down. Its
/// oracle is the scan for the first revision recorded after the cut, which must also answer terms recorded out of order.
/// </summary>
public sealed class StateTermCountTests
{
    [Property(MaxTest = 300)]
    public void The_count_at_a_known_at_is_the_first_revision_recorded_after_it(int seed, bool outOfOrder)
    {
        // Given revisions recorded in order, often at the same instant, one of them earlier than the one before when out of order,
        // grown in two steps as a catch-up grows held terms
        var random = new Random(seed);
        var terms = new StateTerms();
        var recorded = new List<long>();
        var ticks = 638_000_000_000_000_000L;
        for (var step = 0; step < 2; step++)
        {
            for (var i = random.Next(0, 400); i > 0; i--)
            {
                ticks += random.Next(3) == 0 ? 0 : random.Next(1, 1000);
                var at = outOfOrder && recorded.Count > 0 && random.Next(50) == 0 ? ticks - random.Next(1, 5000) : ticks;
                terms.AddCount(at, recorded.Count + 1, 0, 0);
                recorded.Add(at);
            }

            // When asked at known-ats before, between, on and after them
            for (var q = 0; q < 40; q++)
            {
                var cut = recorded.Count > 0 && random.Next(3) > 0 ? recorded[random.Next(recorded.Count)] + random.Next(-1, 2) : ticks + random.Next(-2000, 2000);
                var oracle = recorded.FindIndex(r => r > cut);

                // Then it is the first revision recorded after the cut, or none when every revision held was recorded by then
                Assert.Equal(oracle < 0 ? null : oracle, terms.CountAt(new DateTimeOffset(cut, TimeSpan.Zero)));
            }
        }
        Assert.Null(terms.CountAt(null));
    }
}
