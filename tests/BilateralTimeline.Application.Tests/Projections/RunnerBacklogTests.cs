using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A runner that starts behind a long log (a first `bt serve` on a large store) commits its backlog in
/// large batches: each state commit derives the row from the whole fold and rewrites it, so one commit per
/// 500 events made a million-event store write gigabytes of rows before the server could answer.
/// </summary>
public sealed class RunnerBacklogTests
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    [Fact]
    public async Task A_backlog_is_committed_in_fewer_batches_than_one_per_live_batch_and_ends_at_the_head()
    {
        var directory = Path.Combine(Path.GetTempPath(), "bt-backlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new ManualClock(new DateTimeOffset(2016, 3, 1, 12, 0, 0, TimeSpan.Zero));
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(directory, "ledger.db"), clock);
            var projections = new CountingCommits(SqliteProjectionStore.Open(store.Path, clock));
            var history = HistoryGenerator.History(new Random(3), claimCount: 3_000, correctionCount: 600).Select(h => h.Event).ToList();
            var metadata = new EventMetadata("tester");
            var appended = await store.AppendAsync(Dyad.StreamName, ExpectedRevision.NoStream, history.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata)).ToList());
            var head = appended.LastGlobalPosition;
            Assert.True(history.Count > 4 * ProjectionRunner.MaxBatch, $"the backlog must span several live batches, has {history.Count}");

            using (var running = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                var runner = Task.Run(() => new ProjectionRunner(store, projections, new ProjectionSignal(), clock).RunAsync(new StateProjection(), running.Token));
                while (await projections.ReadLiveVersionAsync(StateProjection.ProjectionName) is not { } live
                    || await projections.ReadCheckpointAsync(StateProjection.ProjectionName, live) is not { } checkpoint
                    || checkpoint.Position < head)
                {
                    running.Token.ThrowIfCancellationRequested();
                    await Task.Delay(50);
                }
                await running.CancelAsync();
                await runner;
            }

            var liveBatches = (history.Count + ProjectionRunner.MaxBatch - 1) / ProjectionRunner.MaxBatch;
            Assert.True(projections.Commits < liveBatches, $"{projections.Commits} commits for {history.Count} events; one per live batch would be {liveBatches}");
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

    private sealed class CountingCommits(IProjectionStore inner) : IProjectionStore
    {
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(projection, version, cancellationToken);

        public async Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);
            if (changes.Count > 0)
            {
                Interlocked.Increment(ref _commits);
            }
        }

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);

        public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) => inner.ReadLiveVersionAsync(projection, cancellationToken);

        public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) => inner.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

        public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.DropVersionAsync(projection, version, cancellationToken);

        public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) => inner.ListVersionsAsync(projection, cancellationToken);
    }
}
