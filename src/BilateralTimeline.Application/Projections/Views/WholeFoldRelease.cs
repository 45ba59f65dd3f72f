namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// For a long-running process (`bt serve`): a catch-up that folded a dyad's whole stream (nothing stored, nothing
/// trusted, a new build) leaves gigabytes of garbage at a million events, which the collector keeps committed, so a
/// server that held 250 MB stayed at 2.9 GB for good. <see cref="Folded"/> marks it; <see cref="GiveBack"/>, called
/// once the question that folded has returned and nothing of the fold is reachable, collects and returns it to the
/// system. A whole fold is rare and takes tens of seconds; the collection, a fraction of one.
/// </summary>
internal sealed class WholeFoldRelease(bool enabled)
{
    private volatile bool _folded;

    public void Folded() => _folded = enabled;

    public void GiveBack()
    {
        if (_folded)
        {
            _folded = false;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
