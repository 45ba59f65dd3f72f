using BilateralTimeline.Application.Projections;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The state's movers are ordered by the size of their rounded shares, equal ones in ledger order. The held terms order
/// them from their products, rounding only the few that may be among the first; the oracle is a stable sort of every
/// rounded share.
/// </summary>
public sealed class MoverOrderTests
{
    [Property(MaxTest = 2000)]
    public void The_first_movers_of_products_are_the_first_of_their_rounded_shares(int seed)
    {
        // Given products of either sign, many of them equal, rounding to the same share or lying a hair either side of
        // a rounding's midpoint, and a total that may be nothing
        var random = new Random(seed);
        var count = random.Next(0, 3) == 0 ? random.Next(0, 12) : random.Next(12, 2000);
        var total = random.Next(6) == 0 ? 0 : 1 + (random.NextDouble() * 500);
        double[] hairs = [0, 1e-12, -1e-12, 1e-9, -1e-9, 1e-7, -1e-7];
        var sizes = Enumerable.Range(0, random.Next(1, 40))
            .Select(_ => random.Next(0, 400) / 200.0 * (1 + hairs[random.Next(hairs.Length)]) * (total > 0 ? total : 1))
            .ToArray();
        var products = Enumerable.Range(0, count).Select(_ => sizes[random.Next(sizes.Length)] * (random.Next(2) == 0 ? -1 : 1)).ToArray();
        var wanted = random.Next(0, 3) == 0 ? count : random.Next(0, Math.Max(1, count / 10) + 3);

        // When the first are asked for
        var first = MoverOrder.FirstOfProducts(products, count, wanted, total);

        // Then they are the stable sort's first, by size of the rounded share
        var shares = products.Select(p => MoverOrder.Share(p, total)).ToArray();
        var oracle = Enumerable.Range(0, count).OrderByDescending(i => Math.Abs(shares[i])).ThenBy(i => i).Take(Math.Clamp(wanted, 0, count)).ToArray();
        Assert.Equal(oracle, first);
        Assert.Equal(oracle, MoverOrder.First(shares, count, wanted));
    }
}
