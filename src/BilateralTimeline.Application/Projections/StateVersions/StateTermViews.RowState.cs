using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.StateVersions;

public sealed partial class StateTermViews
{
    /// <summary>
    /// The state a "state" row of <paramref name="dyad"/> presents when the last event it reflects is at global position
    /// <paramref name="lastPosition"/>: the state after that many events, at <paramref name="asOf"/> with no known-at, with the
    /// first <paramref name="movers"/> movers (null: all), drawn from the terms this server holds (caught up first when they end
    /// before it). Null when the dyad is smaller than <see cref="SmallestDyad"/> or its stream has no event at that position:
    /// the row is then joined from its segments, which at a million events means reading and decoding 76 MB of JSON.
    /// </summary>
    internal async Task<RelationshipStateView?> RowStateAsync(DyadId dyad, long lastPosition, DateOnly asOf, int? movers, CancellationToken cancellationToken)
    {
        if (held is null)
        {
            return null;
        }
        var last = (await NextAsync(dyad, -1, ReadDirection.Backwards, cancellationToken).ConfigureAwait(false))?.StreamRevision ?? -1;
        if (last + 1 < SmallestDyad)
        {
            return null;
        }
        var state = await WithHeldTermsAsync(
            held,
            dyad,
            null,
            terms => Task.FromResult(terms.CountThrough(lastPosition)),
            terms => terms.CountThrough(lastPosition) ?? -1,
            async (loaded, resident, count) => count < 0
                ? new RowState(null)
                : await DrawAsync(dyad, loaded, resident, count, asOf, null, 0, movers, cancellationToken).ConfigureAwait(false) is { } drawn ? new RowState(drawn) : null,
            async loaded =>
            {
                var (rebuilt, all) = await FoldedAgainAsync(dyad, loaded, null, cancellationToken).ConfigureAwait(false);
                return rebuilt.Terms.CountThrough(lastPosition) is { } count and > 0
                    ? new RowState(rebuilt.Terms.Draft(count, asOf, 0, movers).Finish(dyad.ToString(), asOf, null, all))
                    : new RowState(null);
            },
            cancellationToken).ConfigureAwait(false);
        _wholeFold.GiveBack();
        return state.View;
    }

    /// <summary>A row's state, or none when the terms hold no count ending at the row's position (not null, which asks for a rebuild).</summary>
    private sealed record RowState(RelationshipStateView? View);
}
