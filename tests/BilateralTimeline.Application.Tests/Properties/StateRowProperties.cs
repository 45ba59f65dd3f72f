using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Projections.ReadProjection;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// The stored state row answers exactly as the full fold at whatever day the clock says, long after it
/// was written: random ledgers are written to a real SQLite file, the row is kept by the real runner
/// (half the ledger before it starts, half while it follows) and rebuilt by the real rebuild, and both
/// are read at several later todays on a hand-moved clock, beside GET /api/state's handler.
/// </summary>
public sealed class StateRowProperties
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    private static readonly DateTimeOffset Start = new(2016, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 100)]
    public async Task The_state_row_read_at_any_later_today_equals_the_full_fold_at_that_today(int seed)
    {
        var random = new Random(seed);
        var history = HistoryGenerator.History(random, claimCount: random.Next(2, 12), correctionCount: random.Next(0, 16));
        var directory = Path.Combine(Path.GetTempPath(), "bt-staterow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new ManualClock(Start);
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(directory, "ledger.db"), clock);
            var projections = SqliteProjectionStore.Open(store.Path, clock);
            // Segments of two to sixteen positions: the ledger spreads over several, and commits rewrite some of them
            ICheckpointedProjection[] definitions = [new StateProjection(segmentShift: random.Next(1, 5))];

            // Given a ledger written partly before and partly while the runner follows it
            var revision = -1L;
            var half = history.Count / 2;
            foreach (var (e, gap) in history.Take(half))
            {
                revision = await AppendAsync(store, clock, e, gap, revision);
            }
            using (var running = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            {
                var runner = Task.Run(() => new ProjectionRunner(store, projections, new ProjectionSignal(), clock).RunAsync(definitions[0], running.Token));
                foreach (var (e, gap) in history.Skip(half))
                {
                    revision = await AppendAsync(store, clock, e, gap, revision);
                }
                await WaitForCheckpointAsync(store, projections);
                await running.CancelAsync();
                await runner;
            }
            var live = await projections.ReadLiveVersionAsync(StateProjection.ProjectionName);

            // When days, months and years pass without a write, and the row is read (and rebuilt) at each new today
            foreach (var days in Todays(random))
            {
                clock.Advance(TimeSpan.FromDays(days));
                var fold = await new GetRelationshipStateHandler(store, new FullFoldViews(store), clock).Handle(new GetRelationshipState(null, null, null), CancellationToken.None);
                var expected = JsonNode.Parse(JsonSerializer.Serialize(fold, LedgerJson.Options));

                var page = await new ReadProjectionHandler(projections, definitions, clock).Handle(new ReadProjection(StateProjection.ProjectionName), CancellationToken.None);

                // Then the row's answer is the fold's answer, to the last digit and claim id
                var document = page.Commits.SelectMany(c => c.Rows).Single(r => r.Key == Dyad.ToString()).Document;
                Assert.Equal(live, page.Version);
                Assert.Equal(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), page.AsOf);
                Assert.True(JsonNode.DeepEquals(expected, document), $"seed {seed}, {clock.GetUtcNow():yyyy-MM-dd}\nrow:  {document?.ToJsonString()}\nfold: {expected?.ToJsonString()}");
            }

            // ... and a rebuild at the last today, from the first event, finds nothing that differs
            var report = await new RebuildProjectionHandler(store, projections, definitions, clock).Handle(new RebuildProjection(StateProjection.ProjectionName), CancellationToken.None);
            Assert.Empty(report.Changed);
            Assert.Empty(report.Added);
            Assert.Empty(report.Removed);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(directory);
        }
    }

    /// <summary>Steps from a day to several years, so occurrences pass from not yet to possibly to occurred and then age.</summary>
    private static IEnumerable<int> Todays(Random random) =>
        Enumerable.Range(0, 5).Select(_ => random.Next(4) switch
        {
            0 => random.Next(1, 3),
            1 => random.Next(20, 200),
            _ => random.Next(300, 1500),
        }).ToList();

    private static async Task WaitForCheckpointAsync(IEventStore store, IProjectionStore projections)
    {
        long head = 0;
        await foreach (var e in store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1))
        {
            head = e.GlobalPosition;
        }
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (await projections.ReadLiveVersionAsync(StateProjection.ProjectionName) is { } live
                && await projections.ReadCheckpointAsync(StateProjection.ProjectionName, live) is { } checkpoint
                && checkpoint.Position >= head)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"the state projection did not reach position {head}");
    }

    private static async Task<long> AppendAsync(SqliteEventStore store, ManualClock clock, ILedgerEvent e, int gapSeconds, long revision)
    {
        clock.Advance(TimeSpan.FromSeconds(gapSeconds));
        var data = new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("tester"));
        var result = await store.AppendAsync(Dyad.StreamName, revision < 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision), [data]);
        return result.LastStreamRevision;
    }

    private static void TryDelete(string directory)
    {
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
