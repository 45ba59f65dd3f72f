using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// Applies events to one version of a projection: folds them in memory and commits the changed rows
/// with the checkpoint in one store transaction. Opening replays the log up to the stored checkpoint
/// into the fold without writing, so a restart resumes exactly after the last committed event.
/// </summary>
internal sealed class VersionWriter(IEventStore store, IProjectionStore projections, ICheckpointedProjection projection, int version, TimeProvider clock)
{
    private IProjectionFold _fold = projection.Start(clock);

    public int Version => version;

    public long Checkpoint { get; private set; }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        Checkpoint = (await projections.ReadCheckpointAsync(projection.Name, version, cancellationToken).ConfigureAwait(false))?.Position ?? 0;
        _fold = projection.Start(clock);
        if (Checkpoint > 0)
        {
            await foreach (var e in store.ReadAllAsync(1, ReadDirection.Forwards, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (e.GlobalPosition > Checkpoint)
                {
                    break;
                }
                _fold.Apply(e);
            }
            _fold.TakeChanges();
        }
    }

    /// <returns>The number of rows changed.</returns>
    public async Task<int> CommitAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken cancellationToken)
    {
        var fresh = batch.Where(e => e.GlobalPosition > Checkpoint).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }
        foreach (var e in fresh)
        {
            _fold.Apply(e);
        }
        var changes = _fold.TakeChanges();
        var last = fresh[^1].GlobalPosition;
        await projections.CommitAsync(projection.Name, version, Checkpoint, last, changes, cancellationToken).ConfigureAwait(false);
        Checkpoint = last;
        return changes.Count;
    }
}
