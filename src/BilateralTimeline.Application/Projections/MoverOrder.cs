using System.Runtime.CompilerServices;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// The order of the state's movers: largest absolute share first, equal shares in ledger order (what a
/// stable sort by descending absolute share gives). A page near the top only needs its first few, which
/// a bounded heap finds without sorting every occurrence of a large dyad.
/// </summary>
internal static class MoverOrder
{
    /// <summary>The indexes of the first <paramref name="wanted"/> of <paramref name="shares"/>[0..count) in mover order.</summary>
    public static int[] First(double[] shares, int count, int wanted) => Top(shares, count, wanted, new AsGiven());

    /// <summary>A mover's printed share: its weighted Goldstein product over the total weight, rounded as the fold rounds it.</summary>
    public static double Share(double product, double total) => total > 0 ? Math.Round(product / total, 2) : 0;

    /// <summary>
    /// <see cref="First"/> of the shares <see cref="Share"/> makes of <paramref name="products"/>, rounding only the products
    /// that may be among the first.
    /// </summary>
    public static int[] FirstOfProducts(double[] products, int count, int wanted, double total) => Top(products, count, wanted, new OfTotal(total));

    /// <summary>
    /// The first <paramref name="wanted"/> of <paramref name="values"/>[0..count) by the size of the share each makes. A
    /// share's size never falls as its value's size grows (dividing by a positive total and rounding both keep order), so
    /// once the heap is full a value no larger than the last kept one's cannot come before it: most of a large dyad's
    /// movers are passed over by one comparison, without working out their share.
    /// </summary>
    // A pass over every mover of a large dyad per question: compiled fully optimized at once, as the scans that call it are,
    // instead of running unoptimized for a server's first few hundred questions.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Top<TShare>(double[] values, int count, int wanted, TShare share)
        where TShare : struct, IShareOf
    {
        wanted = Math.Clamp(wanted, 0, count);
        if (wanted == 0)
        {
            return [];
        }
        if ((long)wanted * 8 >= count)
        {
            var sizes = new double[count];
            var all = new int[count];
            for (var i = 0; i < count; i++)
            {
                (sizes[i], all[i]) = (Math.Abs(share.Of(values[i])), i);
            }
            Array.Sort(all, (a, b) => sizes[b] != sizes[a] ? sizes[b].CompareTo(sizes[a]) : a.CompareTo(b));
            return wanted == count ? all : all[..wanted];
        }
        // The heap's top is the last of the kept ones (smallest size, then latest index).
        var kept = new PriorityQueue<int, (double Size, int Index)>(wanted, LastOnTop.Instance);
        var lastKeptValue = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            if (kept.Count == wanted && Math.Abs(values[i]) <= lastKeptValue)
            {
                // Its share is at most the last kept one's, and an equal share comes after it, by ledger order.
                continue;
            }
            var key = (Math.Abs(share.Of(values[i])), i);
            if (kept.Count < wanted)
            {
                kept.Enqueue(i, key);
            }
            else
            {
                kept.TryPeek(out _, out var last);
                if (key.Item1 <= last.Size)
                {
                    continue;
                }
                kept.DequeueEnqueue(i, key);
            }
            if (kept.Count == wanted)
            {
                lastKeptValue = Math.Abs(values[kept.Peek()]);
            }
        }
        var top = new int[kept.Count];
        for (var k = top.Length - 1; k >= 0; k--)
        {
            top[k] = kept.Dequeue();
        }
        return top;
    }

    private interface IShareOf
    {
        double Of(double value);
    }

    /// <summary>Values that are the shares already.</summary>
    private readonly struct AsGiven : IShareOf
    {
        public double Of(double value) => value;
    }

    /// <summary>Weighted Goldstein products, shared out of their total weight.</summary>
    private readonly struct OfTotal(double total) : IShareOf
    {
        public double Of(double value) => Share(value, total);
    }

    private sealed class LastOnTop : IComparer<(double Size, int Index)>
    {
        public static readonly LastOnTop Instance = new();

        // The queue's least is its top: the smaller size, then the later index.
        public int Compare((double Size, int Index) a, (double Size, int Index) b)
        {
            var bySize = a.Size.CompareTo(b.Size);
            return bySize != 0 ? bySize : b.Index.CompareTo(a.Index);
        }
    }
}
