using System.Text;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// A full replay (<see cref="LogReplay"/>: the store's raw read where it has one, the fast decoder, the
/// mutable fold) against the oracle: every event read as a <see cref="RecordedEvent"/>, decoded by the
/// general serializer and folded by the pure step <see cref="LedgerView.Apply"/>. Equal means the same
/// JSON, for every dyad, at random points along the way and at the end.
/// </summary>
public abstract partial class EventStoreContract
{
    public static TheoryData<int> ReplaySeeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(ReplaySeeds))]
    public async Task Fast_replay_folds_every_dyad_exactly_as_the_event_by_event_fold(int seed)
    {
        // Given a random ledger over several dyads, with an event of a type this build does not know
        await AppendLedgerAsync(seed, 400);

        // When it is replayed the fast way, freezing some dyads' views now and then along the way
        var random = new Random(seed);
        var builders = new Dictionary<string, LedgerView.Builder>(StringComparer.Ordinal);
        var midway = new Dictionary<(string, long), string>();
        var replayed = await LogReplay.ReplayAsync(Store, (stream, envelope) =>
        {
            if (!builders.TryGetValue(stream, out var builder))
            {
                builders[stream] = builder = LedgerView.Create().ToBuilder();
            }
            builder.Apply(envelope);
            if (random.Next(15) == 0)
            {
                midway[(stream, envelope.Position)] = Json(builder.ToImmutable());
            }
        });

        // Then every view, midway and at the end, is the oracle's
        var (oracle, oracleMidway, read) = await OracleAsync(midway.Keys.ToHashSet());
        Assert.Equal(read, replayed);
        Assert.NotEmpty(midway);
        Assert.Equal(oracleMidway.Count, midway.Count);
        foreach (var (at, json) in midway)
        {
            Assert.Equal(oracleMidway[at], json);
        }
        Assert.Equal(oracle.Keys.Order(), builders.Keys.Order());
        foreach (var (stream, view) in oracle)
        {
            var fast = builders[stream].ToImmutable();
            Assert.Equal(Json(view), Json(fast));
            Assert.Equal(Json(RelationshipStateParts.Of(stream, view)), Json(RelationshipStateParts.Of(stream, fast)));
        }
    }

    [Theory]
    [MemberData(nameof(ReplaySeeds))]
    public async Task State_projection_rows_after_a_replay_in_batches_equal_the_rows_of_the_event_by_event_fold(int seed)
    {
        // Given a random ledger
        await AppendLedgerAsync(seed, 300);

        // When the state projection folds the whole log in segments of a few positions, its changes taken at random batch boundaries
        var random = new Random(seed);
        var projection = new StateProjection(segmentShift: 1 + (seed % 4));
        var fold = projection.Start(Clock);
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var e in Store.ReadAllAsync())
        {
            fold.Apply(e);
            if (random.Next(40) == 0)
            {
                Take(fold, rows);
            }
        }
        Take(fold, rows);

        // Then each dyad's header joined with its segments holds the parts of the oracle's view, and no segment is left over
        var (oracle, _, _) = await OracleAsync([]);
        var headers = rows.Keys.Where(k => projection.OwnerOf(k) is null).Order().ToList();
        Assert.Equal(oracle.Keys.Select(Key).Order(), headers);
        var segments = headers.SelectMany(h => projection.PartsOf(rows[h])).ToList();
        Assert.Equal(rows.Keys.Except(headers).Order(), segments.Order());
        foreach (var (stream, view) in oracle)
        {
            var key = Key(stream);
            var parts = projection.PartsOf(rows[key]).ToDictionary(p => p, p => rows[p], StringComparer.Ordinal);
            foreach (var asOf in new[] { new DateOnly(2015, 6, 1), new DateOnly(2024, 3, 9), new DateOnly(2031, 1, 1) })
            {
                Assert.Equal(Json(RelationshipStateParts.Of(key, view).At(asOf, null)), projection.Present(rows[key], parts, asOf));
            }
        }
    }

    private static string Key(string stream) => DyadId.TryFromStreamName(stream, out var dyad) ? dyad!.ToString() : throw new InvalidOperationException(stream);

    private static void Take(IProjectionFold fold, Dictionary<string, string> rows)
    {
        foreach (var change in fold.TakeChanges())
        {
            if (change.Document is { } document)
            {
                rows[change.Key] = document;
            }
            else
            {
                Assert.True(rows.Remove(change.Key), $"a commit deletes {change.Key}, which no commit wrote");
            }
        }
    }

    private async Task AppendLedgerAsync(int seed, int events)
    {
        var random = new Random(seed * 7919);
        var ledger = ReplayLedgerGenerator.Ledger(seed, events);
        var revisions = new Dictionary<string, long>(StringComparer.Ordinal);
        // Appends of random size per stream, so neighbouring events share metadata or not.
        for (var i = 0; i < ledger.Count;)
        {
            var stream = ledger[i].Stream;
            var metadata = new EventMetadata(random.Next(3) == 0 ? "bob" : "alice", random.Next(2) == 0 ? Guid.NewGuid() : null);
            var batch = new List<EventData>();
            while (i < ledger.Count && ledger[i].Stream == stream && batch.Count < random.Next(1, 6))
            {
                var e = ledger[i++].Event;
                batch.Add(new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata));
            }
            if (i == ledger.Count / 2)
            {
                batch.Add(new EventData(Guid.NewGuid(), "claim-annotated/v9", Encoding.UTF8.GetBytes("""{"claimId":"c1","note":"from a newer build"}"""), metadata));
            }
            var expected = revisions.TryGetValue(stream, out var r) ? ExpectedRevision.Exact(r) : ExpectedRevision.NoStream;
            revisions[stream] = (await Store.AppendAsync(stream, expected, batch)).LastStreamRevision;
            Clock.Advance(TimeSpan.FromSeconds(random.Next(0, 90)));
        }
    }

    /// <summary>The oracle: each event as a RecordedEvent, the general decoder, the pure step.</summary>
    private async Task<(Dictionary<string, LedgerView> Views, Dictionary<(string, long), string> Midway, long Read)> OracleAsync(HashSet<(string, long)> snapshots)
    {
        var views = new Dictionary<string, LedgerView>(StringComparer.Ordinal);
        var midway = new Dictionary<(string, long), string>();
        long read = 0;
        await foreach (var recorded in Store.ReadAllAsync())
        {
            read++;
            if (LedgerReader.ToEnvelope(recorded) is not { } envelope)
            {
                continue;
            }
            var view = views[recorded.Stream] = LedgerView.Apply(views.GetValueOrDefault(recorded.Stream) ?? LedgerView.Create(), envelope);
            if (snapshots.Contains((recorded.Stream, recorded.GlobalPosition)))
            {
                midway[(recorded.Stream, recorded.GlobalPosition)] = Json(view);
            }
        }
        return (views, midway, read);
    }

}
