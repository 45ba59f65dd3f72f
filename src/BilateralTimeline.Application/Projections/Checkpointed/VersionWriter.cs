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
            await RewriteOutdatedRowsAsync(_fold.TakeChanges(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rows an older build wrote in another shape (after an upgrade) are replaced by what this build
    /// writes for the same events, at the checkpoint and in one commit, so an upgrade needs no rebuild.
    /// </summary>
    private async Task RewriteOutdatedRowsAsync(IReadOnlyList<ProjectionRowChange> replayed, CancellationToken cancellationToken)
    {
        var stored = await projections.ReadRowsAsync(projection.Name, version, 0, cancellationToken).ConfigureAwait(false);
        var outdated = stored.Where(r => !projection.IsCurrent(r.Document)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var rewrites = replayed.Where(c => outdated.Contains(c.Key)).ToList();
        if (rewrites.Count > 0)
        {
            await projections.CommitAsync(projection.Name, version, Checkpoint, Checkpoint, rewrites, cancellationToken).ConfigureAwait(false);
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
