using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Time;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Replay;

/// <summary>
/// A rebuild rewrites a dyad's row from its whole history at every commit, so committing at the live
/// runner's batch size made rebuilding one large dyad quadratic (two thousand rewrites at a million events).
/// </summary>
public sealed class RebuildCommitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bt-rebuild-").FullName;

    [Fact]
    public async Task Rebuilding_a_dyad_of_a_few_thousand_events_commits_its_rows_once_not_once_per_live_batch()
    {
        // Given one dyad of 3,000 events (six of the live runner's batches)
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), TimeProvider.System);
        var dyad = DyadId.Of("AZE", "IRN");
        var events = Enumerable.Range(0, 3_000).Select(i => Claim($"c{i}")).ToList();
        foreach (var chunk in events.Chunk(1_000))
        {
            await store.AppendAsync(dyad.StreamName, ExpectedRevision.Any, chunk);
        }
        var projections = new CountingProjectionStore(SqliteProjectionStore.Open(store.Path, TimeProvider.System));

        // When the state projection is rebuilt
        var report = await new RebuildProjectionHandler(store, projections, [new StateProjection()], TimeProvider.System)
            .Handle(new RebuildProjection(StateProjection.ProjectionName), CancellationToken.None);

        // Then its row was written in one commit, at the last event
        Assert.Equal(3_000, report.Position);
        Assert.Equal(1, report.Rows);
        Assert.Equal(1, projections.Commits);
    }

    private static EventData Claim(string id)
    {
        var e = new ClaimRecorded(id, "s1", "meeting", $"claim {id}", Modality.Reported, [], null, UncertainTime.Unknown, [], [], new Confidence(Reliability.B, 2), [], null);
        return new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("tester"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
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
