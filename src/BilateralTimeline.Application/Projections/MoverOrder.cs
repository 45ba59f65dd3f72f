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
    // A pass over every mover of a large dyad per question: compiled fully optimized at once, as the scans that call it are,
    // instead of running unoptimized for a server's first few hundred questions.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>A mover's printed share: its weighted Goldstein product over the total weight, rounded as the fold rounds it.</summary>
    public static double Share(double product, double total) => total > 0 ? Math.Round(product / total, 2) : 0;

    /// <summary>
    /// <see cref="First"/> of the shares <see cref="Share"/> makes of <paramref name="products"/>, rounding only the products
    /// that may be among the first: a share's size never falls as its product's size grows (dividing by the positive total
    /// and rounding both keep order), so a product no larger than the last kept one's cannot come before it, and most of a
    /// large dyad's movers are passed over by one comparison instead of a division, a rounding and a compare through a delegate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] FirstOfProducts(double[] products, int count, int wanted, double total)
    {
        wanted = Math.Clamp(wanted, 0, count);
        if (wanted == 0)
        {
            return [];
        }
        if ((long)wanted * 8 >= count)
        {
            var shares = new double[count];
            for (var i = 0; i < count; i++)
            {
                shares[i] = Share(products[i], total);
            }
            return First(shares, count, wanted);
        }
        // The heap's top is the last of the kept ones (smallest size, then latest index).
        var kept = new PriorityQueue<int, (double Size, int Index)>(wanted, LastOnTop.Instance);
        var lastKeptProduct = double.PositiveInfinity;
        for (var i = 0; i < count; i++)
        {
            var product = Math.Abs(products[i]);
            if (kept.Count == wanted && product <= lastKeptProduct)
            {
                // Its share is at most the last kept one's, and an equal share comes after it, by ledger order.
                continue;
            }
            var key = (Math.Abs(Share(products[i], total)), i);
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
                lastKeptProduct = Math.Abs(products[kept.Peek()]);
            }
        }
        var top = new int[kept.Count];
        for (var k = top.Length - 1; k >= 0; k--)
        {
            top[k] = kept.Dequeue();
        }
        return top;
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
