using System.Runtime.CompilerServices;

namespace BilateralTimeline.Application.Projections;

/// <summary>
/// What the projections derive from one immutable <see cref="LedgerView"/> whatever the valid-time
/// date, computed at most once per view instance. A view folded for one request is dropped with its
/// memo; a view an index hands out again (same known-at, any as-of) brings its memo along, so such a
/// query only pays for the as-of part.
/// </summary>
public sealed class ViewMemo
{
    private static readonly ConditionalWeakTable<LedgerView, ViewMemo> Memos = new();

    private readonly Lazy<ClaimView[]> _claims;
    private readonly Lazy<IReadOnlyList<Entry>> _entries;
    private readonly Lazy<IReadOnlyList<Entry>> _timelineOrder;
    private readonly Lazy<bool> _endsTenures;
    private readonly Lazy<ActorNames> _names;
    private RelationshipStateParts? _parts;

    private ViewMemo(LedgerView view)
    {
        _claims = new(() => Projections.Entries.ByPosition(view));
        _entries = new(() => Projections.Entries.Build(view, _claims.Value));
        // Sorting every entry before the as-of filter keeps the order of a sort after it: the sort is stable
        // and its keys do not depend on the date.
        _timelineOrder = new(() => TimelineSort.Order(Entries));
        _endsTenures = new(() => Array.Exists(_claims.Value, c => c.IsLive && c.Claim.Effects.Any(ActorsProjection.EndsTenure)));
        _names = new(() => new ActorNames(view.Actors));
    }

    public static ViewMemo Of(LedgerView view) => Memos.GetValue(view, v => new ViewMemo(v));

    /// <summary>The view's claims in ledger order.</summary>
    public IReadOnlyList<ClaimView> Claims => _claims.Value;

    /// <summary>The view's timeline entries in ledger order (see <see cref="Projections.Entries"/>).</summary>
    public IReadOnlyList<Entry> Entries => _entries.Value;

    /// <summary>The entries in the timeline's order: dated ones by earliest, then latest day, then id; undated ones last.</summary>
    public IReadOnlyList<Entry> TimelineOrder => _timelineOrder.Value;

    /// <summary>
    /// Whether any live claim ends a tenure: without one there is no tenure finding at any date, and the
    /// timeline need not derive the offices at all.
    /// </summary>
    public bool EndsTenures => _endsTenures.Value;

    /// <summary>
    /// Which spellings name one entity under the view's actor events: built once per view (the explain, trace,
    /// actors and confidence derivations all ask), and its resolutions are kept for the next request on the view.
    /// </summary>
    public ActorNames Names => _names.Value;

    /// <summary>The date-independent parts of the relationship state (the dyad only labels them).</summary>
    public RelationshipStateParts Parts(string dyad, LedgerView view)
    {
        var parts = Volatile.Read(ref _parts);
        if (parts is null || !string.Equals(parts.Dyad, dyad, StringComparison.Ordinal))
        {
            parts = RelationshipStateParts.Of(dyad, view);
            Volatile.Write(ref _parts, parts);
        }
        return parts;
    }
}
