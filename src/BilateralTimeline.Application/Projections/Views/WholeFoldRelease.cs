namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// For a long-running process (`bt serve`): a catch-up that folded a dyad's whole stream (nothing stored, nothing
/// trusted, a new build) leaves gigabytes of garbage at a million events, which the collector keeps committed, so a
/// server that held 250 MB stayed at 2.9 GB for good. <see cref="FoldingAsync"/> marks it; <see cref="GiveBack"/>, called
/// once the question that folded has returned and nothing of the fold is reachable, collects and returns it to the
/// system. A whole fold is rare and takes tens of seconds; the collection, a fraction of one. Such a fold also waits for
/// any other in the process to end (<paramref name="turns"/>, shared by the server's views; null outside a server).
/// </summary>
internal sealed class WholeFoldRelease(WholeFolds? turns)
{
    private volatile bool _folded;

    /// <summary>A whole fold starts: waits for the process's turn, and marks it for <see cref="GiveBack"/>; disposing ends the turn.</summary>
    public async Task<IDisposable?> FoldingAsync(CancellationToken cancellationToken)
    {
        if (turns is null)
        {
            return null;
        }
        var turn = await turns.TurnAsync(cancellationToken).ConfigureAwait(false);
        _folded = true;
        return turn;
    }

    public void GiveBack()
    {
        if (_folded)
        {
            _folded = false;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
