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
/// A write decides without reading the dyad's history: through the decider index it reads the event the
/// index stands on and the events after it; without one, a long-lived service folds the history once and
/// then only what others appended. Counted on a real SQLite file holding a history of 2,000-odd events.
/// </summary>
public sealed class HistoryFreeWriteTests : IAsyncLifetime
{
    private static readonly DyadId Dyad = DyadId.Of("IRN", "AZE");

    private static readonly WriteRetryPolicy Quick = new(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeProvider.System);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bt-historyfree-" + Guid.NewGuid().ToString("N"));

    private SqliteEventStore _store = null!;

    private SqliteProjectionStore _projections = null!;

    private long _history;

    /// <summary>Claims still believed and not at <see cref="Revised"/>, so that each revision below is a new event.</summary>
    private List<string> _live = [];

    private static readonly Confidence Revised = new(Reliability.F, 6);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), TimeProvider.System);
        _projections = SqliteProjectionStore.Open(_store.Path, TimeProvider.System);
        var history = HistoryGenerator.History(new Random(7), claimCount: 1_000, correctionCount: 1_000).Select(h => h.Event).ToList();
        var metadata = new EventMetadata("another program", Guid.NewGuid());
        await _store.AppendAsync(Dyad.StreamName, ExpectedRevision.NoStream, history.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), metadata)).ToList());
        _history = history.Count;
        var state = history.Aggregate(LedgerState.Empty, LedgerState.Evolve);
        _live = state.Claims.Keys.Where(c => !state.Retracted.ContainsKey(c) && state.CurrentConfidence[c] != Revised).Order(StringComparer.Ordinal).Take(5).ToList();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_write_through_the_index_reads_the_event_it_stands_on_and_the_tail_not_the_history()
    {
        await new DeciderIndexStore(_store, _projections).RebuildAsync(Dyad, CancellationToken.None);
        var counting = new CountingStore(_store);
        var service = new LedgerCommandService(counting, Quick, _projections);

        var first = await service.WriteAsync(Revise(_live[0]), CancellationToken.None);
        var readByFirst = counting.EventsRead;
        // Other processes append two events without catching the index up.
        await new LedgerCommandService(_store, Quick).WriteAsync(Revise(_live[1]), CancellationToken.None);
        await new LedgerCommandService(_store, Quick).WriteAsync(Revise(_live[2]), CancellationToken.None);
        var second = await service.WriteAsync(Revise(_live[3]), CancellationToken.None);

        Assert.Equal(1, first.EventsAppended);
        Assert.Equal(1, second.EventsAppended);
        Assert.True(_history > 2_000, $"history of {_history}");
        // The load reads the index's own event; the catch-up after the append reads it and the new one again.
        Assert.InRange(readByFirst, 1, 4);
        Assert.InRange(counting.EventsRead - readByFirst, 3, 10);
    }

    [Fact]
    public async Task Without_an_index_a_long_lived_service_folds_the_history_once_then_only_what_was_appended()
    {
        var counting = new CountingStore(_store);
        var service = new LedgerCommandService(counting, Quick);

        await service.WriteAsync(Revise(_live[0]), CancellationToken.None);
        var readByFirst = counting.EventsRead;
        await new LedgerCommandService(_store, Quick).WriteAsync(Revise(_live[1]), CancellationToken.None);
        await service.WriteAsync(Revise(_live[2]), CancellationToken.None);

        Assert.Equal(_history, readByFirst);
        Assert.InRange(counting.EventsRead - readByFirst, 2, 4);
    }

    [Fact]
    public async Task The_first_write_to_a_dyad_without_an_index_builds_one_that_matches_the_log()
    {
        var service = new LedgerCommandService(_store, Quick, _projections);

        var written = await service.WriteAsync(Revise(_live[4]), CancellationToken.None);

        var checkpoint = await _projections.ReadCheckpointAsync(DeciderIndexStore.ProjectionName(Dyad), DeciderIndexStore.Format);
        Assert.Equal(written.StreamRevision + 1, checkpoint?.Position);
        var loaded = await new DeciderIndexStore(_store, _projections).LoadAsync(Dyad, [new RetractClaimCommand(_live[4], "x")], CancellationToken.None);
        Assert.NotNull(loaded);
        Assert.Equal(written.StreamRevision, loaded.Revision);
        Assert.Equal(Revised, loaded.State.CurrentConfidence[_live[4]]);
    }

    private static LedgerWrite Revise(string claim) =>
        new(Dyad, [new PlannedCommand("", new ReviseConfidenceCommand(claim, Revised, "desk review"))], "analyst", null);
}
