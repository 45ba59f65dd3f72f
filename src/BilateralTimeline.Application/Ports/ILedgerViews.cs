using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// Where every query gets the ledger it answers from: a dyad's <see cref="LedgerView"/> as known at a
/// recording time. Implementations must answer exactly what <see cref="LedgerView.LoadAsync"/> folds
/// (that fold is the oracle the property tests compare every implementation with); they differ only in
/// what they keep between requests.
/// </summary>
public interface ILedgerViews
{
    /// <summary>
    /// The dyad's ledger as it was known at <paramref name="knownAt"/> (null: now): every event of the
    /// stream before the first one recorded after <paramref name="knownAt"/>. A view the same
    /// implementation returns twice for the same events may be the same instance, so callers may
    /// cache what they derive from it (see <see cref="ViewMemo"/>).
    /// </summary>
    Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken);

    /// <summary>
    /// The relationship state at <paramref name="asOf"/> as known at <paramref name="knownAt"/>, with the
    /// movers from <paramref name="skip"/> on, at most <paramref name="limit"/> (null: all): exactly
    /// <see cref="RelationshipStateProjection.Build(string, LedgerView, DateOnly, DateTimeOffset?, int, int?)"/>
    /// of <see cref="AtAsync"/>'s view, which is what this default answers; an index may answer it without a view.
    /// </summary>
    async Task<RelationshipStateView> StateAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, int skip, int? limit, CancellationToken cancellationToken)
    {
        var view = await AtAsync(dyad, knownAt, cancellationToken).ConfigureAwait(false);
        return RelationshipStateProjection.Build(dyad.ToString(), view, asOf, knownAt, skip, limit);
    }
}
