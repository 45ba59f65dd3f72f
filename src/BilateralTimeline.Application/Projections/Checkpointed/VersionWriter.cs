using System.Diagnostics;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// Applies events to one version of a projection: folds them in memory and commits the changed rows
/// with the checkpoint in one store transaction. Opening replays the log up to the stored checkpoint
/// into the fold without writing, so a restart resumes exactly after the last committed event.
/// Events are folded as they arrive (<see cref="Apply"/>) and committed when the caller says so, so a
/// backlog needs no list of its events in memory and its commits can be as far apart as their cost asks.
/// </summary>
internal sealed class VersionWriter(IEventStore store, IProjectionStore projections, ICheckpointedProjection projection, int version, TimeProvider clock)
{
    // Often enough for /health to move while a million events replay, rarely enough to cost nothing.
    private const int ReplayProgressEvery = 1024;

    private IProjectionFold _fold = projection.Start(clock);

    public int Version => version;

    /// <summary>The position of the last committed event: where a restart resumes.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>The position of the last event folded, committed or not.</summary>
    public long Applied { get; private set; }

    /// <summary>Events folded since the last commit.</summary>
    public long Pending { get; private set; }

    /// <summary>How long the last commit took to derive and write its rows (zero before the first).</summary>
    public TimeSpan LastCommitDuration { get; private set; }

    /// <summary>Replays to the stored checkpoint, telling <paramref name="progress"/> how far it has got every so often.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken, Action<long>? progress = null)
    {
        Checkpoint = (await projections.ReadCheckpointAsync(projection.Name, version, cancellationToken).ConfigureAwait(false))?.Position ?? 0;
        Applied = Checkpoint;
        Pending = 0;
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
                if (progress is not null && e.GlobalPosition % ReplayProgressEvery == 0)
                {
                    progress(e.GlobalPosition);
                }
            }
            await RewriteOutdatedRowsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Rows an older build wrote in another shape (after an upgrade) are replaced by what this build
    /// writes for the same events, at the checkpoint and in one commit, so an upgrade needs no rebuild.
    /// Rows already in this build's shape are not derived again: at a million events that was the state
    /// row's whole derivation and a 76 MB serialisation on every server start.
    /// </summary>
    private async Task RewriteOutdatedRowsAsync(CancellationToken cancellationToken)
    {
        var outdated = await OutdatedRowsAsync(cancellationToken).ConfigureAwait(false);
        if (outdated.Count == 0)
        {
            _fold.ForgetChanges();
            return;
        }
        // A row stored in parts is rewritten with its parts: the old shape may have been whole.
        var rewrites = (await _fold.TakeChangesAsync(cancellationToken).ConfigureAwait(false)).Where(c => outdated.Contains(projection.OwnerOf(c.Key) ?? c.Key)).ToList();
        if (rewrites.Count > 0)
        {
            await projections.CommitAsync(projection.Name, version, Checkpoint, Checkpoint, rewrites, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The keys of the stored rows not in this build's shape: of the rows the fold names (<see cref="IProjectionFold.Owners"/>),
    /// read a batch at a time, or else of every stored row. A row's parts are written with it, in its shape.
    /// </summary>
    private async Task<HashSet<string>> OutdatedRowsAsync(CancellationToken cancellationToken)
    {
        if (_fold.Owners is not { } owners)
        {
            var stored = await projections.ReadRowsAsync(projection.Name, version, 0, cancellationToken).ConfigureAwait(false);
            return stored.Where(r => !projection.IsCurrent(r.Document)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        }
        var outdated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in owners.Chunk(OwnersPerRead))
        {
            foreach (var row in await projections.ReadRowsByKeysAsync(projection.Name, version, batch, cancellationToken).ConfigureAwait(false))
            {
                if (!projection.IsCurrent(row.Document))
                {
                    outdated.Add(row.Key);
                }
            }
        }
        return outdated;
    }

    private const int OwnersPerRead = 256;

    /// <summary>Folds one event; an event at or before the last one folded (a re-delivery) is skipped.</summary>
    public void Apply(RecordedEvent e)
    {
        if (e.GlobalPosition <= Applied)
        {
            return;
        }
        _fold.Apply(e);
        Applied = e.GlobalPosition;
        Pending++;
    }

    /// <summary>
    /// Whether a backlog should commit now: once it has folded <paramref name="floor"/> events, and at least
    /// half as many as the checkpoint already covers. A commit derives each changed row from the whole fold,
    /// so commits spaced by a fixed count make a long backlog quadratic (fifty rewrites of a 76 MB row for a
    /// million-event dyad); spaced geometrically, all of them together cost about three times the last one,
    /// and a crash loses at most a third of the work.
    /// </summary>
    public bool BacklogCommitDue(long floor) => Pending >= Math.Max(floor, Checkpoint / 2);

    /// <summary>Commits what was folded since the last commit; returns the number of rows changed.</summary>
    public async Task<int> CommitAsync(CancellationToken cancellationToken)
    {
        if (Pending == 0)
        {
            return 0;
        }
        var started = Stopwatch.GetTimestamp();
        var changes = await _fold.TakeChangesAsync(cancellationToken).ConfigureAwait(false);
        await projections.CommitAsync(projection.Name, version, Checkpoint, Applied, changes, cancellationToken).ConfigureAwait(false);
        Checkpoint = Applied;
        Pending = 0;
        LastCommitDuration = Stopwatch.GetElapsedTime(started);
        return changes.Count;
    }

    /// <summary>Folds <paramref name="batch"/> and commits it; returns the number of rows changed.</summary>
    public Task<int> CommitAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch)
        {
            Apply(e);
        }
        return CommitAsync(cancellationToken);
    }
}
