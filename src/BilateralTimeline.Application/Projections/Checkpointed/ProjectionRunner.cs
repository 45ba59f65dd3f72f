using System.Threading.Channels;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Projections.Checkpointed;

/// <summary>
/// Keeps the live version of a projection up to date from a catch-up subscription. Batches whatever
/// has arrived (up to <see cref="MaxBatch"/> events) into one commit. When a rebuild swaps the live
/// version, the runner notices within <see cref="LiveVersionCheck"/> (or its paced pause, see
/// <see cref="LivePaceFactor"/>) and follows the new version from its checkpoint. A checkpoint moved by another runner makes it reopen rather than apply twice.
/// </summary>
public sealed class ProjectionRunner(IEventStore store, IProjectionStore projections, ProjectionSignal signal, TimeProvider clock, ProjectionProgress? progress = null)
{
    public const int MaxBatch = 500;

    /// <summary>
    /// A backlog (a first start on a large store) commits after at least this many events, and after at least
    /// half as many as are already committed: each commit derives its rows from the whole fold, so 500-event
    /// commits over a million events would derive and rewrite the state row two thousand times, and even
    /// 50,000-event commits twenty times.
    /// </summary>
    public const int MaxCatchUpBatch = 50_000;

    /// <summary>How long one backlog batch may keep collecting at least, so a follower behind a busy writer still commits often.</summary>
    public static readonly TimeSpan CatchUpWindow = TimeSpan.FromSeconds(1);

    /// <summary>A backlog batch keeps collecting for this many times as long as the last commit took (when that is longer than <see cref="CatchUpWindow"/>).</summary>
    public const int CommitCostRatio = 4;

    /// <summary>How long a backlog batch waits for the reader to hand over more before it commits what it has.</summary>
    private static readonly TimeSpan BacklogGrace = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan LiveVersionCheck = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// After a commit that took a while, a live follower lets the next one wait this many times as long (at
    /// most <see cref="MaxLivePause"/>), gathering the writes that arrive meanwhile into it. A state commit
    /// rewrites the dyad's whole row (76 MB at a million events), and back to back they kept a core and the
    /// store's write lock busy for as long as writes came in, which is what API writes then waited on. On a
    /// small store a commit takes milliseconds, and so does the pause.
    /// </summary>
    public const int LivePaceFactor = 4;

    public static readonly TimeSpan MaxLivePause = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Says that <paramref name="projection"/>'s runner is about to start: until it has opened its version,
    /// the stored checkpoint is not what this process serves. A host calls it before starting the runner.
    /// </summary>
    public void Starting(ICheckpointedProjection projection) => progress?.Opening(projection.Name, 0);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(ICheckpointedProjection projection, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await FollowLiveVersionAsync(projection, cancellationToken).ConfigureAwait(false);
            }
            catch (ProjectionCheckpointMovedException)
            {
                // Another writer got there first (a rebuild finishing, a second server): reopen from the stored checkpoint.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task FollowLiveVersionAsync(ICheckpointedProjection projection, CancellationToken cancellationToken)
    {
        var live = await EnsureLiveVersionAsync(projection.Name, cancellationToken).ConfigureAwait(false);
        var writer = new VersionWriter(store, projections, projection, live, clock);
        progress?.Opening(projection.Name, 0);
        try
        {
            await writer.OpenAsync(cancellationToken, position => progress?.Opening(projection.Name, position)).ConfigureAwait(false);
        }
        finally
        {
            progress?.Opened(projection.Name);
        }

        using var following = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<RecordedEvent>(new BoundedChannelOptions(MaxBatch * 4) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in store.SubscribeToAllAsync(writer.Checkpoint, following.Token).ConfigureAwait(false))
                {
                    await queue.Writer.WriteAsync(e, following.Token).ConfigureAwait(false);
                }
                queue.Writer.TryComplete();
            }
            catch (Exception e)
            {
                queue.Writer.TryComplete(e is OperationCanceledException ? null : e);
            }
        }, CancellationToken.None);

        try
        {
            var pause = TimeSpan.Zero;
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(LiveVersionCheck);
                bool more;
                try
                {
                    more = await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    more = true;
                }
                if (!more)
                {
                    return;
                }
                if (pause > TimeSpan.Zero)
                {
                    // Paced (see LivePaceFactor): what arrives meanwhile joins this commit.
                    await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
                    pause = TimeSpan.Zero;
                }
                var taken = 0;
                while (taken < MaxBatch && queue.Reader.TryRead(out var e))
                {
                    writer.Apply(e);
                    taken++;
                }
                if (taken == MaxBatch)
                {
                    await CollectBacklogAsync(queue.Reader, writer, cancellationToken).ConfigureAwait(false);
                }
                if (writer.Pending > 0)
                {
                    var started = clock.GetTimestamp();
                    var backlog = taken == MaxBatch;
                    await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
                    signal.Notify();
                    // A backlog goes on at full speed; only a live follower is paced.
                    pause = backlog ? TimeSpan.Zero : LivePause(clock.GetElapsedTime(started));
                }
                if (await projections.ReadLiveVersionAsync(projection.Name, cancellationToken).ConfigureAwait(false) != live)
                {
                    return;
                }
            }
        }
        finally
        {
            await following.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>How long a live follower waits before its next commit, after one that took <paramref name="commit"/>.</summary>
    public static TimeSpan LivePause(TimeSpan commit) =>
        commit <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(MaxLivePause.Ticks, commit.Ticks * LivePaceFactor));

    /// <summary>
    /// A full first batch means the runner is behind: keep folding what the reader hands over, while it keeps
    /// coming, until the writer says a backlog commit is due (<see cref="VersionWriter.BacklogCommitDue"/>, at
    /// least <see cref="MaxCatchUpBatch"/> events) or the window closes: <see cref="CatchUpWindow"/>, or
    /// <see cref="CommitCostRatio"/> times the last commit when that took longer, so that deriving and writing
    /// rows stays a small part of a catch-up however large they grow. A live follower (batches smaller than
    /// <see cref="MaxBatch"/>) never waits here.
    /// </summary>
    private static async Task CollectBacklogAsync(ChannelReader<RecordedEvent> reader, VersionWriter writer, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var window = TimeSpan.FromTicks(Math.Max(CatchUpWindow.Ticks, writer.LastCommitDuration.Ticks * CommitCostRatio));
        while (!writer.BacklogCommitDue(MaxCatchUpBatch) && System.Diagnostics.Stopwatch.GetElapsedTime(started) < window)
        {
            if (reader.TryRead(out var e))
            {
                writer.Apply(e);
                continue;
            }
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(BacklogGrace);
            try
            {
                if (!await reader.WaitToReadAsync(grace.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<int> EnsureLiveVersionAsync(string name, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await projections.ReadLiveVersionAsync(name, cancellationToken).ConfigureAwait(false) is { } live)
            {
                return live;
            }
            await projections.SwapLiveAsync(name, null, 1, cancellationToken).ConfigureAwait(false);
        }
    }
}
