namespace BilateralTimeline.Application.Projections;

/// <summary>
/// The timeline's order of entries: dated ones by earliest, then latest day, then id (ordinal); undated
/// ones last; equal keys in ledger order, as the stable sort this replaces kept them. The days are read
/// once per entry instead of once per comparison, which is what made sorting a large dyad slow.
/// </summary>
internal static class TimelineSort
{
    public static IReadOnlyList<Entry> Order(IReadOnlyList<Entry> entries)
    {
        var keys = new Key[entries.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var time = entries[i].Time;
            keys[i] = new Key(time.Earliest, time.Latest, entries[i].Id, i);
        }
        Array.Sort(keys, Compare);
        var ordered = new List<Entry>(keys.Length);
        foreach (var key in keys)
        {
            ordered.Add(entries[key.Index]);
        }
        return ordered;
    }

    private static int Compare(Key a, Key b)
    {
        // Undated last.
        var byDated = (a.Earliest is null).CompareTo(b.Earliest is null);
        if (byDated != 0)
        {
            return byDated;
        }
        var byEarliest = Nullable.Compare(a.Earliest, b.Earliest);
        if (byEarliest != 0)
        {
            return byEarliest;
        }
        var byLatest = Nullable.Compare(a.Latest, b.Latest);
        if (byLatest != 0)
        {
            return byLatest;
        }
        var byId = string.CompareOrdinal(a.Id, b.Id);
        return byId != 0 ? byId : a.Index.CompareTo(b.Index);
    }

    private readonly record struct Key(DateOnly? Earliest, DateOnly? Latest, string Id, int Index);
}
