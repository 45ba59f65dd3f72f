using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// Reads and folds the dyad's stream on every request: what a one-shot CLI process needs (it would
/// read the log once anyway), and the oracle an index is compared with.
/// </summary>
public sealed class FullFoldViews(IEventStore store) : ILedgerViews
{
    public Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        LedgerView.LoadAsync(store, dyad, knownAt, cancellationToken);
}
