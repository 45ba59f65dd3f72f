using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>
/// Inner views that count the timeline pages handed down to them: how a test sees that a stored path answered a page
/// itself rather than leave it to the views under it (in a server, a fold of the dyad's whole history).
/// </summary>
internal sealed class CountingTimelineViews(ILedgerViews inner) : ILedgerViews
{
    private int _pages;

    public int Pages => Volatile.Read(ref _pages);

    public Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken) => inner.AtAsync(dyad, knownAt, cancellationToken);

    public Task<TimelineView> TimelineAsync(DyadId dyad, DateOnly asOf, DateTimeOffset? knownAt, TimelineWindow window, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _pages);
        return inner.TimelineAsync(dyad, asOf, knownAt, window, cancellationToken);
    }
}
