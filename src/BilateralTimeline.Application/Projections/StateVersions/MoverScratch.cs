using System.Collections.Concurrent;

namespace BilateralTimeline.Application.Projections.StateVersions;

/// <summary>
/// The arrays a state question fills with every mover (a version and its weighted Goldstein, from which its share is
/// worked out) before it orders them. At a million events they hold some 200,000 movers, a few megabytes: allocated per
/// question they went to the large-object heap and set off a full collection every ten questions or so (37 in 300
/// questions from four clients), whose marking of the server's heap took a core from the other clients' questions. They
/// grow to the movers of the largest question asked; a process keeps a few sets, as many as questions can be summing at
/// once on a small machine.
/// </summary>
internal sealed class MoverScratch
{
    private static readonly ConcurrentBag<MoverScratch> Kept = [];

    private static readonly int KeptAtMost = Math.Max(4, Environment.ProcessorCount);

    // The bag's own Count freezes it, taking every thread's lock, on each question.
    private static int _kept;

    private MoverScratch(int length) => (Moved, Products) = (new int[length], new double[length]);

    public int[] Moved { get; private set; }

    public double[] Products { get; private set; }

    public static MoverScratch Take()
    {
        if (Kept.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _kept);
            return kept;
        }
        return new MoverScratch(1024);
    }

    /// <summary>Twice the room, keeping the first <paramref name="filled"/> movers.</summary>
    public void Grow(int filled)
    {
        var (moved, products) = (new int[Moved.Length * 2], new double[Products.Length * 2]);
        Array.Copy(Moved, moved, filled);
        Array.Copy(Products, products, filled);
        (Moved, Products) = (moved, products);
    }

    public static void Give(MoverScratch scratch)
    {
        if (Interlocked.Increment(ref _kept) <= KeptAtMost)
        {
            Kept.Add(scratch);
        }
        else
        {
            Interlocked.Decrement(ref _kept);
        }
    }
}
