using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Ledger;

/// <summary>
/// After a large write (an import of hundreds of events), the decider index moves on from the state the
/// write was decided on and the events it appended, not by reading those events back from the log and
/// folding them again: a 100k-event import spent a fifth of its time there. The index it leaves must be
/// the one a rebuild from the whole log makes. Counted on a real SQLite file.
/// </summary>
public sealed class IndexCatchUpAfterWriteTests : IAsyncLifetime
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    private static readonly WriteRetryPolicy Quick = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeProvider.System);

    private static readonly Confidence Revised = new(Reliability.F, 6);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bt-catchup-" + Guid.NewGuid().ToString("N"));

    private SqliteEventStore _store = null!;

    private SqliteProjectionStore _projections = null!;

    private List<string> _live = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), TimeProvider.System);
        _projections = SqliteProjectionStore.Open(_store.Path, TimeProvider.System);
        var history = HistoryGenerator.History(new Random(11), claimCount: 600, correctionCount: 300).Select(h => h.Event).ToList();
        var metadata = new EventMetadata("another program", Guid.NewGuid());
        await _store.AppendAsync(Dyad.StreamName, ExpectedRevision.NoStream, history.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata)).ToList());
        var state = history.Aggregate(LedgerState.Empty, LedgerState.Evolve);
        _live = state.Claims.Keys.Where(c => !state.Retracted.ContainsKey(c) && state.CurrentConfidence[c] != Revised).Order(StringComparer.Ordinal).ToList();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_large_write_catches_the_index_up_without_reading_its_own_events_back()
    {
        // Given a dyad with a current index
        await new DeciderIndexStore(_store, _projections).RebuildAsync(Dyad, CancellationToken.None);
        var counting = new CountingStore(_store);
        var service = new LedgerCommandService(counting, Quick, _projections);

        // When one write appends some hundreds of events
        var written = await service.WriteAsync(ReviseAll(_live.Take(300)), CancellationToken.None);

        // Then it read the event the index stands on and the last one it appended, not the ones in between
        Assert.True(written.EventsAppended >= 200, $"{written.EventsAppended} events appended");
        Assert.InRange(counting.EventsRead, 1, 4);
        await AssertIndexIsTheRebuiltOneAsync(written.StreamRevision);
    }

    [Fact]
    public async Task The_first_write_to_a_new_dyad_builds_its_index_from_the_decided_state()
    {
        // Given a dyad with no events yet, and a write that registers fifty sources
        var fresh = DyadId.Of("ARM", "AZE");
        var counting = new CountingStore(_store);
        var service = new LedgerCommandService(counting, Quick, _projections);
        var model = HistoryGenerator.History(new Random(5), claimCount: 1, correctionCount: 0).Select(h => h.Event).OfType<Domain.Sources.SourceRegistered>().First();
        var commands = Enumerable.Range(0, 50)
            .Select(i => new PlannedCommand($"sources[{i}]", new RegisterSourceCommand($"src-{i}", model.Outlet, model.Language, model.Title, model.Url, model.Published, model.Retrieved, model.Text + i)))
            .ToList();

        // When it lands
        var written = await service.WriteAsync(new LedgerWrite(fresh, commands, "analyst", null), CancellationToken.None);

        // Then the index stands at the write's last event and equals a rebuild, with only that event read back
        Assert.Equal(50, written.EventsAppended);
        Assert.InRange(counting.EventsRead, 0, 1);
        var checkpoint = await _projections.ReadCheckpointAsync(DeciderIndexStore.ProjectionName(fresh), DeciderIndexStore.Format);
        Assert.Equal(written.StreamRevision + 1, checkpoint?.Position);
        await AssertIndexIsTheRebuiltOneAsync(written.StreamRevision, fresh);
    }

    [Fact]
    public async Task A_write_large_enough_to_be_serialised_on_every_core_leaves_the_rebuilt_index()
    {
        // Given a write of more claims than LedgerEventData serialises on one core, each with a confidence revision
        var fresh = DyadId.Of("GEO", "RUS");
        var service = new LedgerCommandService(_store, Quick, _projections);
        var events = HistoryGenerator.History(new Random(17), claimCount: LedgerEventData.InParallelFrom, correctionCount: 2 * LedgerEventData.InParallelFrom).Select(h => h.Event).ToList();
        var commands = new List<PlannedCommand>();
        foreach (var e in events)
        {
            switch (e)
            {
                case Domain.Sources.SourceRegistered s:
                    commands.Add(new PlannedCommand("", new RegisterSourceCommand(s.SourceId, s.Outlet, s.Language, s.Title, s.Url, s.Published, s.Retrieved, s.Text)));
                    break;
                case ClaimRecorded c:
                    commands.Add(new PlannedCommand("", new RecordClaimCommand(c.ClaimId, c.SourceId, c.Kind, c.Summary, c.Modality, c.Actors, c.Place, c.Occurred, c.Attribution, c.Quotes, c.Confidence, c.Effects, c.Note, c.Cameo)));
                    commands.Add(new PlannedCommand("", new ReviseConfidenceCommand(c.ClaimId, Revised, "desk review")));
                    break;
            }
        }

        // When it lands
        var written = await service.WriteAsync(new LedgerWrite(fresh, commands, "analyst", null), CancellationToken.None);

        // Then every event is stored as one core would have made it, and the index equals a rebuild
        Assert.True(written.EventsAppended > LedgerEventData.InParallelFrom, $"{written.EventsAppended} events appended");
        var stored = await _store.ReadStreamAsync(fresh.StreamName).ToListAsync();
        var sequential = LedgerEventData.For(fresh.StreamName, -1, written.Decided, stored[0].Metadata, null, inParallelFrom: int.MaxValue);
        Assert.Equal(sequential.Select(d => (d.EventId, d.Type, Convert.ToHexString(d.Data.Span))), stored.Select(r => (r.EventId, r.Type, Convert.ToHexString(r.Data.Span))));
        await AssertIndexIsTheRebuiltOneAsync(written.StreamRevision, fresh);
    }

    private async Task AssertIndexIsTheRebuiltOneAsync(long revision, DyadId? dyad = null)
    {
        var which = dyad ?? Dyad;
        var name = DeciderIndexStore.ProjectionName(which);
        var caughtUp = await _projections.ReadRowsAsync(name, DeciderIndexStore.Format);
        var (rebuiltAt, _) = await new DeciderIndexStore(_store, _projections).RebuildAsync(which, CancellationToken.None);
        var rebuilt = await _projections.ReadRowsAsync(name, DeciderIndexStore.Format);

        Assert.Equal(revision, rebuiltAt);
        Assert.Equal(
            rebuilt.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Document)),
            caughtUp.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Document)));
    }

    private static LedgerWrite ReviseAll(IEnumerable<string> claims) =>
        new(Dyad, [.. claims.Select(c => new PlannedCommand("", new ReviseConfidenceCommand(c, Revised, "desk review")))], "analyst", null);
}
