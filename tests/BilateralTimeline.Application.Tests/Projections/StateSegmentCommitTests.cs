using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Projections.ReadProjection;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The state projection stores a dyad as a header and segments, and a commit writes the header and the
/// segments its events touched: the whole dyad in one row was 76 MB of JSON at a million events,
/// derived and rewritten by every live commit. Rows an older build wrote whole are still presented
/// exactly, and the runner replaces them with segments when it opens the version.
/// </summary>
public sealed class StateSegmentCommitTests : IDisposable
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    private readonly string _directory = Directory.CreateTempSubdirectory("bt-segments-").FullName;
    private readonly ManualClock _clock = new(new DateTimeOffset(2016, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_live_commit_writes_the_header_and_the_segments_of_the_entries_it_touched_only()
    {
        // Given forty claims kept by a runner in segments of eight positions
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        var projections = new RecordingProjectionStore(SqliteProjectionStore.Open(store.Path, _clock));
        var projection = new StateProjection(segmentShift: 3);
        var revision = await AppendAsync(store, HistoryGenerator.History(new Random(7), claimCount: 40, correctionCount: 0).Select(h => h.Event), -1);
        await RunUntilCaughtUpAsync(store, projections, projection);
        var segmentsBefore = projections.Written.Count(w => w.Key.Contains('#', StringComparison.Ordinal));
        projections.Written.Clear();

        // When, with the runner running again (a restart), the first claim is retracted and one claim is appended
        revision = await AppendAsync(store, [new ClaimRetracted("c1", "wrong")], revision);
        await AppendAsync(store, [NewClaim("c41")], revision);
        await RunUntilCaughtUpAsync(store, projections, projection);

        // Then the commits wrote the header, the first claim's segment and the last segment, nothing else
        var header = Dyad.ToString();
        var written = projections.Written.Select(w => w.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(segmentsBefore >= 5, $"the ledger spread over {segmentsBefore} segments only");
        Assert.Contains(header, written);
        Assert.Equal(3, written.Count);
        Assert.DoesNotContain(projections.Written, w => w.Document?.Contains("claim c20", StringComparison.Ordinal) == true);
        Assert.Contains(projections.Written, w => w.Document?.Contains("claim c41", StringComparison.Ordinal) == true);

        // ... and the projection still answers as the full fold
        await AssertAnswersAsTheFoldAsync(store, projections, projection);
    }

    [Fact]
    public async Task A_whole_row_an_older_build_wrote_is_presented_exactly_and_replaced_by_segments_when_the_runner_opens()
    {
        // Given a ledger whose state row an older build wrote whole (state-parts/v3) at the head
        await using var store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), _clock);
        var projections = new RecordingProjectionStore(SqliteProjectionStore.Open(store.Path, _clock));
        var projection = new StateProjection(segmentShift: 2);
        await AppendAsync(store, HistoryGenerator.History(new Random(11), claimCount: 20, correctionCount: 12).Select(h => h.Event), -1);
        var view = await LedgerView.LoadAsync(store, Dyad, null, CancellationToken.None);
        await projections.SwapLiveAsync(StateProjection.ProjectionName, null, 1);
        var whole = JsonSerializer.Serialize(new { format = StateProjection.RowFormat, parts = RelationshipStateParts.Of(Dyad.ToString(), view) }, LedgerJson.Options);
        await projections.CommitAsync(StateProjection.ProjectionName, 1, 0, view.LastPosition, [new ProjectionRowChange(Dyad.ToString(), whole)]);

        // When it is read before the runner opens, then after
        await AssertAnswersAsTheFoldAsync(store, projections, projection);
        projections.Written.Clear();
        await RunUntilCaughtUpAsync(store, projections, projection, opened: true);

        // Then both reads answer as the full fold, and the runner replaced the whole row with a header and its segments
        var rows = await projections.ReadRowsAsync(StateProjection.ProjectionName, 1);
        var header = Assert.Single(rows, r => r.Key == Dyad.ToString());
        Assert.StartsWith($"{{\"format\":\"{StateProjection.HeaderFormat}\"", header.Document, StringComparison.Ordinal);
        Assert.Equal(projection.PartsOf(header.Document).Order(StringComparer.Ordinal), rows.Where(r => r.Key != header.Key).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.True(projection.PartsOf(header.Document).Count > 1);
        await AssertAnswersAsTheFoldAsync(store, projections, projection);
    }

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

    private async Task AssertAnswersAsTheFoldAsync(IEventStore store, IProjectionStore projections, StateProjection projection)
    {
        var fold = await new GetRelationshipStateHandler(store, new FullFoldViews(store), _clock).Handle(new GetRelationshipState(null, null, null), CancellationToken.None);
        var expected = JsonNode.Parse(JsonSerializer.Serialize(fold, LedgerJson.Options));
        var page = await new ReadProjectionHandler(projections, [projection], _clock).Handle(new ReadProjection(StateProjection.ProjectionName), CancellationToken.None);
        var row = Assert.Single(page.Commits.SelectMany(c => c.Rows));
        Assert.Equal(Dyad.ToString(), row.Key);
        Assert.True(JsonNode.DeepEquals(expected, row.Document), $"row:  {row.Document?.ToJsonString()}\nfold: {expected?.ToJsonString()}");
    }

    private async Task RunUntilCaughtUpAsync(IEventStore store, IProjectionStore projections, StateProjection projection, bool opened = false)
    {
        long head = 0;
        await foreach (var e in store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1))
        {
            head = e.GlobalPosition;
        }
        using var running = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var runner = Task.Run(() => new ProjectionRunner(store, projections, new ProjectionSignal(), _clock).RunAsync(projection, running.Token));
        var recording = (RecordingProjectionStore)projections;
        while (await projections.ReadLiveVersionAsync(StateProjection.ProjectionName) is not { } live
            || await projections.ReadCheckpointAsync(StateProjection.ProjectionName, live) is not { } checkpoint
            || checkpoint.Position < head
            || (opened && recording.Written.Count == 0))
        {
            running.Token.ThrowIfCancellationRequested();
            await Task.Delay(50);
        }
        await running.CancelAsync();
        await runner;
    }

    private static ClaimRecorded NewClaim(string id) =>
        new(id, "s1", "visit", $"claim {id}", Modality.Asserted, [], null, HistoryGenerator.Dated(new Random(3)), [], [new Quote(0, 2, "نص")], new Confidence(Reliability.B, 2), [], null);

    private async Task<long> AppendAsync(SqliteEventStore store, IEnumerable<ILedgerEvent> events, long revision)
    {
        foreach (var e in events)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            var data = new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("tester"));
            revision = (await store.AppendAsync(Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), [data])).LastStreamRevision;
        }
        return revision;
    }

    /// <summary>The real store, with every row change committed through it kept in order.</summary>
    private sealed class RecordingProjectionStore(IProjectionStore inner) : IProjectionStore
    {
        public List<ProjectionRowChange> Written { get; } = [];

        public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => inner.ReadCheckpointAsync(projection, version, cancellationToken);

        public async Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
        {
            await inner.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);
            lock (Written)
            {
                Written.AddRange(changes);
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
