namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>Claims not yet retracted, in a random order: a claim is retracted once, wherever it lies in the history.</summary>
internal sealed class ClaimPool(IReadOnlyList<string> claims, int seed)
{
    private readonly string[] order = Shuffled(claims, seed);
    private int next = -1;

    public int Left => order.Length - (next + 1);

    public string Take()
    {
        var index = Interlocked.Increment(ref next);
        return index < order.Length ? order[index] : throw new InvalidOperationException("the dyad has no claim left to retract; use fewer --samples or --runs, or larger --sizes");
    }

    private static string[] Shuffled(IReadOnlyList<string> claims, int seed)
    {
        var order = claims.ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
