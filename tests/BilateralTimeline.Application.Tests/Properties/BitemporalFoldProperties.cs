using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Properties;

/// <summary>
/// For any T1 ≤ T2 the state known at T1 never depends on events recorded after T1: the ledger is
/// written to the real SQLite store on a hand-moved clock and read back through <see cref="LedgerView.LoadAsync"/>.
/// FsCheck draws the seed; the seed draws the history, the cut and the as-of date.
/// </summary>
public sealed class BitemporalFoldProperties
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    private static readonly DateTimeOffset Start = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 100)]
    public async Task The_state_known_at_T1_does_not_depend_on_events_recorded_after_T1(int seed)
    {
        var random = new Random(seed);
        var history = HistoryGenerator.History(random, claimCount: random.Next(2, 9), correctionCount: random.Next(0, 12));
        var cut = random.Next(history.Count + 1);
        var asOf = HistoryGenerator.Day(random);

        var directory = Path.Combine(Path.GetTempPath(), "bt-props-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = new ManualClock(Start);
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(directory, "ledger.db"), clock);
            var revision = -1L;

            // Given the history up to the cut, recorded at or before T1
            foreach (var (e, gap) in history.Take(cut))
            {
                revision = await AppendAsync(store, clock, e, gap, revision);
            }
            var t1 = clock.GetUtcNow().AddSeconds(random.Next(0, 100));
            var before = await LedgerView.LoadAsync(store, Dyad, t1, CancellationToken.None);

            // When the rest is recorded after T1
            clock.Advance(t1 - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            foreach (var (e, gap) in history.Skip(cut))
            {
                revision = await AppendAsync(store, clock, e, gap, revision);
            }
            var t2 = t1 + TimeSpan.FromSeconds(random.Next(0, 4 * 24 * 3600 * Math.Max(1, history.Count - cut)));
            var after = await LedgerView.LoadAsync(store, Dyad, t1, CancellationToken.None);
            var atT2 = await LedgerView.LoadAsync(store, Dyad, t2, CancellationToken.None);

            // Then the view known at T1 is what it was before the later events were written ...
            Assert.Equal(cut, before.EventCount);
            Assert.Equal(Projections(before, asOf, t1), Projections(after, asOf, t1));

            // ... and the same as folding by hand, with either fold, only the stored events recorded by T1
            var stored = new List<LedgerEnvelope>();
            await foreach (var recorded in store.ReadStreamAsync(Dyad.StreamName))
            {
                stored.Add(LedgerReader.ToEnvelope(recorded)!);
            }
            var known = stored.Where(e => e.Recorded <= t1).ToList();
            var builder = LedgerView.Create().ToBuilder();
            known.ForEach(e => builder.Apply(e));
            var stepByStep = known.Aggregate(LedgerView.Create(), LedgerView.Apply);
            Assert.Equal(Projections(before, asOf, t1), Projections(builder.ToImmutable(), asOf, t1));
            Assert.Equal(Projections(before, asOf, t1), Projections(stepByStep, asOf, t1));

            // ... and what is known at T2 ≥ T1 extends it: every event known at T1 is still known, as it was.
            Assert.True(atT2.EventCount >= after.EventCount);
            Assert.Equal(stored.Count(e => e.Recorded <= t2), atT2.EventCount);
            Assert.All(after.Claims, c => Assert.Equal(c.Value.Position, atT2.Claims[c.Key].Position));
        }
        finally
        {
            TryDelete(directory);
        }
    }

    [Property(MaxTest = 300)]
    public void Folding_event_by_event_and_into_one_builder_give_the_same_view(int seed)
    {
        var random = new Random(seed);
        var recorded = Start;
        var envelopes = HistoryGenerator.History(random, claimCount: random.Next(2, 12), correctionCount: random.Next(0, 20))
            .Select((x, i) =>
            {
                recorded = recorded.AddSeconds(x.GapSeconds);
                return new LedgerEnvelope(x.Event, i + 1, i, Guid.NewGuid(), recorded, "tester");
            })
            .ToList();
        var asOf = HistoryGenerator.Day(random);
        var t1 = envelopes[random.Next(envelopes.Count)].Recorded;

        var builder = LedgerView.Create().ToBuilder();
        envelopes.ForEach(e => builder.Apply(e));
        var bulk = builder.ToImmutable();
        var stepByStep = envelopes.Aggregate(LedgerView.Create(), LedgerView.Apply);

        Assert.Equal(Projections(stepByStep, asOf, null), Projections(bulk, asOf, null));
        Assert.Equal(stepByStep.Contradictions, bulk.Contradictions);
        Assert.Equal(stepByStep.EventCount, bulk.EventCount);

        // A prefix folded alone equals the prefix folded before the rest: Apply never changes the past view.
        var prefix = envelopes.TakeWhile(e => e.Recorded <= t1).Aggregate(LedgerView.Create(), LedgerView.Apply);
        var prefixJson = Projections(prefix, asOf, t1);
        _ = envelopes.SkipWhile(e => e.Recorded <= t1).Aggregate(prefix, LedgerView.Apply);
        Assert.Equal(prefixJson, Projections(prefix, asOf, t1));
    }

    private static (string State, string Timeline) Projections(LedgerView view, DateOnly asOf, DateTimeOffset? knownAt) =>
        (JsonSerializer.Serialize(RelationshipStateProjection.Build(Dyad.ToString(), view, asOf, knownAt), LedgerJson.Options),
         JsonSerializer.Serialize(TimelineProjection.Build(Dyad.ToString(), view, asOf, knownAt), LedgerJson.Options));

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
