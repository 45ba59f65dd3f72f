using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A live follower whose commits are slow (the state row of a dyad of a million events) gathers the writes
/// that arrive after a commit into the next one instead of rewriting the row once per write: back to back,
/// those commits kept a core and the store's write lock busy for as long as API writes came in.
/// </summary>
public sealed class RunnerLivePaceTests
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");
    private static readonly TimeSpan SlowCommit = TimeSpan.FromMilliseconds(400);

    [Fact]
    public void The_pause_after_a_live_commit_grows_with_it_up_to_a_bound()
    {
        Assert.Equal(TimeSpan.Zero, ProjectionRunner.LivePause(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(8), ProjectionRunner.LivePause(TimeSpan.FromMilliseconds(2)));
        Assert.Equal(ProjectionRunner.MaxLivePause, ProjectionRunner.LivePause(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Writes_arriving_after_a_slow_live_commit_are_committed_together()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bt-pace-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new ManualClock(new DateTimeOffset(2016, 3, 1, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(directory, "ledger.db"), clock);
            var projections = new SlowCommits(SqliteProjectionStore.Open(store.Path, clock), SlowCommit);
            var history = HistoryGenerator.History(new Random(5), claimCount: 3, correctionCount: 0).Select(h => h.Event).ToList();
            var metadata = new EventMetadata("tester");
            long revision = -1;
            async Task<long> AppendOneAsync()
            {
                var e = history[(int)(revision + 1)];
                var result = await store.AppendAsync(Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision),
                    [new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata)]);
                revision = result.LastStreamRevision;
                return result.LastGlobalPosition;
            }

            using var running = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var runner = Task.Run(() => new ProjectionRunner(store, projections, new ProjectionSignal(), clock).RunAsync(new StateProjection(), running.Token));
            try
            {
                // Given a live follower that has just made one slow commit
                await UntilCommittedAsync(projections, await AppendOneAsync(), running.Token);
                Assert.Equal(1, projections.Commits);

                // When one write lands, and another after longer than a commit takes
                await AppendOneAsync();
                await Task.Delay(SlowCommit * 2, running.Token);
                var last = await AppendOneAsync();
                await UntilCommittedAsync(projections, last, running.Token);

                // Then both went into one commit (unpaced, the first would have had its own)
                Assert.Equal(2, projections.Commits);
            }
            finally
            {
                await running.CancelAsync();
                await runner;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }

    private static async Task UntilCommittedAsync(IProjectionStore projections, long position, CancellationToken ct)
    {
        while (await projections.ReadLiveVersionAsync(StateProjection.ProjectionName, ct) is not { } live
            || await projections.ReadCheckpointAsync(StateProjection.ProjectionName, live, ct) is not { } checkpoint
            || checkpoint.Position < position)
        {
            await Task.Delay(20, ct);
        }
    }

    /// <summary>Commits that take as long as a large dyad's state row does, counted.</summary>
    private sealed class SlowCommits(IProjectionStore inner, TimeSpan delay) : IProjectionStore
    {
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(projection, version, cancellationToken);

        public async Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
        {
            await Task.Delay(delay, cancellationToken);

            // Counted before the inner commit: its checkpoint is what the test waits for, and a count made after it
            // could still be pending when the test reads it (seen on a loaded CI machine: 1 where 2 were made).
            if (changes.Count > 0)
            {
                Interlocked.Increment(ref _commits);
            }

            await inner.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);
        }

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);

        public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) => inner.ReadLiveVersionAsync(projection, cancellationToken);

        public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) => inner.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

        public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.DropVersionAsync(projection, version, cancellationToken);

        public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) => inner.ListVersionsAsync(projection, cancellationToken);
    }
}
