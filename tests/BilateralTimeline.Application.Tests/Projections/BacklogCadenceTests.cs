using System.Text;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// A backlog's commits are spaced geometrically: a state commit derives and rewrites the dyad's row from
/// the whole fold (76 MB of JSON at a million events), so the fifty 20,000-event commits of a million-event
/// rebuild wrote that row fifty times. And however far apart commits are, a restart resumes exactly after
/// the last one: nothing folded but not committed is lost or counted twice.
/// </summary>
public sealed class BacklogCadenceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bt-cadence-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2016, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_long_backlog_commits_a_logarithmic_number_of_times_not_one_per_floor()
    {
        // Given a version writer over a real projection store, fed a backlog of 1,000,000 events
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        var projections = new CountingProjectionStore(SqliteProjectionStore.Open(store.Path, _clock));
        await projections.SwapLiveAsync(EventCount.ProjectionName, null, 1);
        var writer = new VersionWriter(store, projections, new EventCount(), 1, _clock);
        await writer.OpenAsync(CancellationToken.None);
        const int floor = 20_000;
        const int total = 1_000_000;

        // When it commits whenever a backlog commit is due, and at the end
        for (var position = 1; position <= total; position++)
        {
            writer.Apply(Event("s", position));
            if (writer.BacklogCommitDue(floor))
            {
                await writer.CommitAsync(CancellationToken.None);
            }
        }
        await writer.CommitAsync(CancellationToken.None);

        // Then about ten commits (20k, 40k, 60k, 90k, … 1M) wrote the row, not fifty, and it counts every event once
        Assert.InRange(projections.Commits, 2, 12);
        Assert.Equal(total, writer.Checkpoint);
        var row = Assert.Single(await projections.ReadRowsAsync(EventCount.ProjectionName, 1));
        Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Document);
    }

    [Fact]
    public async Task A_runner_that_fails_after_folding_a_backlog_resumes_from_its_checkpoint_and_counts_each_event_once()
    {
        // Given a runner that caught up with 3,000 events and stopped
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        var projections = SqliteProjectionStore.Open(store.Path, _clock);
        await AppendAsync(store, "stream-a", 3_000);
        await RunUntilAsync(store, projections, 3_000);

        // And 6,000 more events whose first commit fails after the runner folded them (a crash mid-backlog)
        await AppendAsync(store, "stream-a", 3_000);
        await AppendAsync(store, "stream-b", 3_000);
        var failing = new FailingCommits(projections);
        var crashed = await Assert.ThrowsAsync<IOException>(() =>
            new ProjectionRunner(store, failing, new ProjectionSignal(), _clock).RunAsync(new EventCount(), new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token));
        Assert.Equal("disk full", crashed.Message);
        Assert.Equal(3_000, (await projections.ReadCheckpointAsync(EventCount.ProjectionName, 1))!.Position);

        // When a new runner starts
        await RunUntilAsync(store, projections, 9_000);

        // Then each stream's row counts its events exactly once
        var rows = (await projections.ReadRowsAsync(EventCount.ProjectionName, 1)).ToDictionary(r => r.Key, r => r.Document);
        Assert.Equal("6000", rows["stream-a"]);
        Assert.Equal("3000", rows["stream-b"]);
    }

    [Fact]
    public async Task Reopening_at_a_checkpoint_whose_rows_are_current_derives_no_rows()
    {
        // Given a runner that committed 3,000 events' rows and stopped
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        var projections = SqliteProjectionStore.Open(store.Path, _clock);
        await AppendAsync(store, "stream-a", 3_000);
        await RunUntilAsync(store, projections, 3_000);

        // When a writer reopens the version (a server restart)
        var counted = new EventCount();
        var writer = new VersionWriter(store, projections, counted, 1, _clock);
        await writer.OpenAsync(CancellationToken.None);

        // Then it replayed to the checkpoint without deriving the stored rows again, and resumes after it
        Assert.Equal(3_000, writer.Checkpoint);
        Assert.Equal(0, counted.Derivations);
        writer.Apply(Event("stream-a", 3_001));
        Assert.Equal(1, await writer.CommitAsync(CancellationToken.None));
        Assert.Equal(1, counted.Derivations);
        Assert.Equal("3001", Assert.Single(await projections.ReadRowsAsync(EventCount.ProjectionName, 1)).Document);
    }

    [Theory]
    [InlineData("{\"format\":\"state-header/v4\",\"dyad\":\"AZE-IRN\"}", true)]
    [InlineData("{\"format\":\"state-segment/v4\",\"scored\":[]}", true)]
    [InlineData("{\"parts\":{\"format\":\"state-parts/v2\",\"nested\":[1,2]},\"format\":\"state-header/v4\"}", true)]
    [InlineData("{\"format\":\"state-parts/v3\",\"parts\":{}}", false)]
    [InlineData("{\"format\":\"state-parts/v2\",\"parts\":{}}", false)]
    [InlineData("{\"parts\":{\"format\":\"state-header/v4\"}}", false)]
    [InlineData("{\"dyad\":\"AZE-IRN\",\"score\":1.5}", false)]
    public void A_state_row_is_current_by_its_top_level_format_wherever_it_stands(string document, bool current) =>
        Assert.Equal(current, new StateProjection().IsCurrent(document));

    private async Task RunUntilAsync(SqliteEventStore store, IProjectionStore projections, long head)
    {
        using var running = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var runner = Task.Run(() => new ProjectionRunner(store, projections, new ProjectionSignal(), _clock).RunAsync(new EventCount(), running.Token));
        while (await projections.ReadLiveVersionAsync(EventCount.ProjectionName) is not { } live
            || await projections.ReadCheckpointAsync(EventCount.ProjectionName, live) is not { } checkpoint
            || checkpoint.Position < head)
        {
            running.Token.ThrowIfCancellationRequested();
            await Task.Delay(50);
        }
        await running.CancelAsync();
        await runner;
    }

    private static async Task AppendAsync(SqliteEventStore store, string stream, int count)
    {
        var metadata = new EventMetadata("tester");
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1_000))
        {
            await store.AppendAsync(stream, ExpectedRevision.Any, chunk.Select(_ => new EventData(Guid.NewGuid(), "tick/v1", Encoding.UTF8.GetBytes("{}"), metadata)).ToList());
        }
    }

    private static RecordedEvent Event(string stream, long position) =>
        new(stream, position - 1, position, Guid.Empty, "tick/v1", Encoding.UTF8.GetBytes("{}"), new EventMetadata("tester"), DateTimeOffset.UnixEpoch, ReadOnlyMemory<byte>.Empty);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    /// <summary>One row per stream: how many of its events the fold saw. A double-applied event shows as a larger count.</summary>
    private sealed class EventCount : ICheckpointedProjection
    {
        public const string ProjectionName = "event-count";

        public string Name => ProjectionName;

        private int _derivations;

        /// <summary>How many times a fold of this projection derived its changed rows.</summary>
        public int Derivations => Volatile.Read(ref _derivations);

        public IProjectionFold Start(TimeProvider clock) => new Fold(this);

        private sealed class Fold(EventCount owner) : IProjectionFold
        {
            private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
            private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);

            public void Apply(RecordedEvent recorded)
            {
                _counts[recorded.Stream] = _counts.GetValueOrDefault(recorded.Stream) + 1;
                _dirty.Add(recorded.Stream);
            }

            public void ForgetChanges() => _dirty.Clear();

            public IReadOnlyList<ProjectionRowChange> TakeChanges()
            {
                Interlocked.Increment(ref owner._derivations);
                var changes = _dirty.Select(s => new ProjectionRowChange(s, _counts[s].ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
                _dirty.Clear();
                return changes;
            }
        }
    }

    /// <summary>The real store whose every commit fails, as a full disk would.</summary>
    private sealed class FailingCommits(IProjectionStore inner) : IProjectionStore
    {
        public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(projection, version, cancellationToken);

        public Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default) =>
            throw new IOException("disk full");

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);

        public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) => inner.ReadLiveVersionAsync(projection, cancellationToken);

        public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) => inner.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

        public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.DropVersionAsync(projection, version, cancellationToken);

        public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) => inner.ListVersionsAsync(projection, cancellationToken);
    }

    /// <summary>The real store, with its commits counted.</summary>
    private sealed class CountingProjectionStore(IProjectionStore inner) : IProjectionStore
    {
        public int Commits { get; private set; }

        public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(projection, version, cancellationToken);

        public Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
        {
            Commits++;
            return inner.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);
        }

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) => inner.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

        public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);

        public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) => inner.ReadLiveVersionAsync(projection, cancellationToken);

        public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) => inner.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

        public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.DropVersionAsync(projection, version, cancellationToken);

        public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) => inner.ListVersionsAsync(projection, cancellationToken);
    }
}
