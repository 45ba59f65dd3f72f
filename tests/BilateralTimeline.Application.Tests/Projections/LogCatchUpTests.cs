using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Checkpointed;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>The one catch-up loop the rebuilt projection version and the search index share, on a real SQLite file.</summary>
public sealed class LogCatchUpTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "bt-catchup-" + Guid.NewGuid().ToString("N"));

    private SqliteEventStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _store = SqliteEventStore.Open(Path.Combine(_directory, "ledger.db"), TimeProvider.System);
        await _store.AppendAsync("claim-a", ExpectedRevision.NoStream, Events(4));
        await _store.AppendAsync("claim-b", ExpectedRevision.NoStream, Events(3));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Catching_up_hands_over_the_events_after_the_checkpoint_in_log_order_in_batches_of_at_most_the_batch_size()
    {
        // Given a log of 7 events and a read model at position 2
        var batches = new List<long[]>();

        // When it catches up in batches of 2
        var handed = await LogCatchUp.RunAsync(_store, 2, 2, (batch, _) =>
        {
            batches.Add(batch.Select(e => e.GlobalPosition).ToArray());
            return Task.CompletedTask;
        }, CancellationToken.None);

        // Then each batch is committed on its own, the last one short
        Assert.Equal(5, handed);
        Assert.Equal(new long[][] { [3, 4], [5, 6], [7] }, batches);
    }

    [Fact]
    public async Task A_failed_commit_stops_the_catch_up_after_the_batches_committed_before_it()
    {
        // Given a commit that fails on the second batch
        var committed = new List<long>();
        Task Commit(IReadOnlyList<RecordedEvent> batch, CancellationToken _)
        {
            if (committed.Count == 3)
            {
                throw new ProjectionCheckpointMovedException("search", 1, 3, 5);
            }
            committed.AddRange(batch.Select(e => e.GlobalPosition));
            return Task.CompletedTask;
        }

        // When it catches up from the start in batches of 3
        await Assert.ThrowsAsync<ProjectionCheckpointMovedException>(() => LogCatchUp.RunAsync(_store, 0, 3, Commit, CancellationToken.None));

        // Then only the first batch was handed over, and nothing after the failure
        Assert.Equal(new long[] { 1, 2, 3 }, committed);
    }

    private static List<EventData> Events(int count) =>
        Enumerable.Range(0, count).Select(i => new EventData(Guid.NewGuid(), "test-happened/v1", "{}"u8.ToArray(), new EventMetadata("test"))).ToList();
}
