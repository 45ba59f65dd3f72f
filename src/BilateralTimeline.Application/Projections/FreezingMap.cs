using System.Collections.Immutable;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// A map written in place during a fold and frozen on demand: a freeze applies only the keys set since
/// the previous one to the previous frozen map, so freezing after every batch stays proportional to the batch.
/// </summary>
internal sealed class FreezingMap<TValue>(ImmutableDictionary<string, TValue> frozen)
{
    private readonly Dictionary<string, TValue> _changed = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, TValue> _frozen = frozen;

    public void Set(string key, TValue value) => _changed[key] = value;

    /// <summary>The value as set so far, frozen or not (default when never set).</summary>
    public TValue? Get(string key) => _changed.TryGetValue(key, out var value) || _frozen.TryGetValue(key, out value) ? value : default;

    public ImmutableDictionary<string, TValue> Freeze()
    {
        if (_changed.Count == 0)
        {
            return _frozen;
        }
        _frozen = _frozen.SetItems(_changed);
        _changed.Clear();
        return _frozen;
    }
}
