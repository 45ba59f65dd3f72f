using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Ledger.DeciderIndex;

/// <summary>
/// Which keys of a loaded decider state are exact, and which keys the tail folded onto it assigned. A tail
/// event assigns only some entries of its key (a link sets the claim's occurrence, not the claim), so a
/// key the tail touched is exact only when its row was read as well.
/// </summary>
/// <param name="Keys">The keys whose rows were read; null: the state is the whole stream's fold, exact everywhere.</param>
/// <param name="TailTouched">The keys the tail's events assigned.</param>
public sealed record KnownKeys(IReadOnlySet<string>? Keys, IReadOnlySet<string> TailTouched)
{
    /// <summary>The whole stream folded: every key exact, nothing pending.</summary>
    public static KnownKeys Whole { get; } = new(null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The rows of <paramref name="keys"/> with <paramref name="tail"/> folded onto them.</summary>
    public static KnownKeys Rows(IEnumerable<string> keys, LedgerTail tail) =>
        new(keys.ToHashSet(StringComparer.Ordinal), tail.Events.Select(e => e.Event is { } x ? LedgerKeys.Of(x) : null).OfType<string>().ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// The keys an index catch-up writes after <paramref name="appended"/> (the tail's and theirs), or null
    /// when one of them is not exact in the state (then the rows must be read from the index).
    /// </summary>
    public IReadOnlyCollection<string>? Written(IReadOnlyList<ILedgerEvent> appended)
    {
        if (Keys is not null && !TailTouched.All(Keys.Contains))
        {
            return null;
        }
        var written = new HashSet<string>(TailTouched, StringComparer.Ordinal);
        foreach (var e in appended)
        {
            if (LedgerKeys.Of(e) is not { } key)
            {
                continue;
            }
            if (Keys is not null && !Keys.Contains(key))
            {
                return null;
            }
            written.Add(key);
        }
        return written;
    }
}
