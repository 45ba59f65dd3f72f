namespace BilateralTimeline.Application.Projections;

/// <summary>
/// The order of the state's movers: largest absolute share first, equal shares in ledger order (what a
/// stable sort by descending absolute share gives). A page near the top only needs its first few, which
/// a bounded heap finds without sorting every occurrence of a large dyad.
/// </summary>
internal static class MoverOrder
{
    /// <summary>The indexes of the first <paramref name="wanted"/> of <paramref name="shares"/>[0..count) in mover order.</summary>
    public static int[] First(double[] shares, int count, int wanted)
    {
        wanted = Math.Clamp(wanted, 0, count);
        var before = Comparer<int>.Create((a, b) =>
        {
            var bySize = Math.Abs(shares[b]).CompareTo(Math.Abs(shares[a]));
            return bySize != 0 ? bySize : a.CompareTo(b);
        });
        if (wanted == 0)
        {
            return [];
        }
        if ((long)wanted * 8 >= count)
        {
            var all = new int[count];
            for (var i = 0; i < count; i++)
            {
                all[i] = i;
            }
            Array.Sort(all, before);
            return wanted == count ? all : all[..wanted];
        }
        // The heap's top is the last of the kept ones: whatever comes before it takes its place.
        var kept = new PriorityQueue<int, int>(wanted, Comparer<int>.Create((a, b) => before.Compare(b, a)));
        for (var i = 0; i < count; i++)
        {
            if (kept.Count < wanted)
            {
                kept.Enqueue(i, i);
            }
            else if (before.Compare(i, kept.Peek()) < 0)
            {
                kept.DequeueEnqueue(i, i);
            }
        }
        var top = new int[kept.Count];
        for (var k = top.Length - 1; k >= 0; k--)
        {
            top[k] = kept.Dequeue();
        }
        return top;
    }
}
