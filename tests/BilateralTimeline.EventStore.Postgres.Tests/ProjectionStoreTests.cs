using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The projection store's contract (see <see cref="IProjectionStore"/>) on the real server.</summary>
public sealed class ProjectionStoreTests : IAsyncLifetime
{
    private readonly PostgresLocation _location = TestServer.FreshLocation("proj");
    private PostgresProjectionStore _store = null!;

    public async Task InitializeAsync()
    {
        await PostgresEventStore.MigrateAsync(_location);
        _store = new PostgresProjectionStore(_location, TimeProvider.System);
    }

    [Fact]
    public async Task Rows_and_checkpoint_move_together_and_a_stale_expected_position_changes_nothing()
    {
        await _store.CommitAsync("state", 1, 0, 10, [new("AZE-IRN", "{\"score\":1}"), new("ARM-AZE", "{\"score\":2}")]);
        await _store.CommitAsync("state", 1, 10, 12, [new("ARM-AZE", null), new("AZE-IRN", "{\"score\":3}")]);

        var stale = await Assert.ThrowsAsync<ProjectionCheckpointMovedException>(() => _store.CommitAsync("state", 1, 10, 13, [new("AZE-IRN", "{\"score\":99}")]));

        Assert.Equal(12, stale.Actual);
        var rows = await _store.ReadRowsAsync("state", 1);
        var row = Assert.Single(rows);
        Assert.Equal(("AZE-IRN", "{\"score\":3}", 1, 12L), (row.Key, row.Document, row.Version, row.Position));
        Assert.Equal(12, (await _store.ReadCheckpointAsync("state", 1))!.Position);
    }

    [Fact]
    public async Task A_commit_of_many_rows_leaves_the_planner_statistics_of_them()
    {
        // Given a version whose first commit writes as many rows as a large dyad's stored claims
        var changes = Enumerable.Range(0, PostgresProjectionStore.AnalyzeAfter).Select(i => new ProjectionRowChange($"v:c:claim-{i:D6}", "{}")).ToList();

        // When
        await _store.CommitAsync("state-terms:dyad-azeirn", 1, 0, 1, changes);

        // Then the server has counted them, without waiting for its autovacuum
        await using var connection = new Npgsql.NpgsqlConnection(_location.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT reltuples FROM pg_class WHERE oid = to_regclass($1)", connection) { Parameters = { new() { Value = $"{_location.Quoted}.projection_rows" } } };
        Assert.True(Convert.ToDouble(await command.ExecuteScalarAsync()) >= PostgresProjectionStore.AnalyzeAfter * 0.9, "the rows table was not analysed after a large commit");
    }

    [Fact]
    public async Task Two_runners_starting_the_same_version_at_once_apply_it_exactly_once()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await _store.CommitAsync("state", 1, 0, 5, [new("AZE-IRN", $"{{\"runner\":{i}}}")]);
                return true;
            }
            catch (ProjectionCheckpointMovedException)
            {
                return false;
            }
        })));

        Assert.Equal(1, attempts.Count(won => won));
        Assert.Equal(5, (await _store.ReadCheckpointAsync("state", 1))!.Position);
    }

    [Fact]
    public async Task Swapping_the_live_version_is_a_compare_and_swap_and_the_live_version_cannot_be_dropped()
    {
        await _store.CommitAsync("state", 1, 0, 3, [new("k", "{}")]);
        await _store.CommitAsync("state", 2, 0, 3, [new("k", "{}")]);

        Assert.True(await _store.SwapLiveAsync("state", null, 1));
        Assert.False(await _store.SwapLiveAsync("state", null, 2));
        Assert.True(await _store.SwapLiveAsync("state", 1, 2));
        Assert.False(await _store.SwapLiveAsync("state", 1, 2));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.DropVersionAsync("state", 2));
        await _store.DropVersionAsync("state", 1);

        Assert.Equal(2, await _store.ReadLiveVersionAsync("state"));
        Assert.Equal([2], await _store.ListVersionsAsync("state"));
        Assert.Empty(await _store.ReadRowsAsync("state", 1));
    }

    [Fact]
    public async Task Dropping_a_version_while_a_commit_to_it_holds_its_checkpoint_waits_for_it_instead_of_deadlocking()
    {
        // Given a version with rows, and a commit to it in flight: it has locked the checkpoint, as every commit does first
        await _store.CommitAsync("decider:dyad-azeirn", 1, 0, 4, [new("c:claim-1", "{}"), new("@head", "{}")]);
        await using var commit = new Npgsql.NpgsqlConnection(_location.ConnectionString);
        await commit.OpenAsync();
        await using var transaction = await commit.BeginTransactionAsync();
        await Run(commit, transaction, $"SELECT position FROM {_location.Quoted}.projection_checkpoints WHERE projection = 'decider:dyad-azeirn' AND version = 1 FOR UPDATE");

        // When the version is dropped meanwhile (a writer rebuilding the index), and the commit then writes its rows
        var drop = Task.Run(() => _store.DropVersionAsync("decider:dyad-azeirn", 1));
        await WaitUntilBlockedAsync(drop);
        await Run(commit, transaction, $"UPDATE {_location.Quoted}.projection_rows SET document = '{{\"at\":5}}' WHERE projection = 'decider:dyad-azeirn' AND version = 1");
        await Run(commit, transaction, $"UPDATE {_location.Quoted}.projection_checkpoints SET position = 5 WHERE projection = 'decider:dyad-azeirn' AND version = 1");
        await transaction.CommitAsync();

        // Then neither is chosen as a deadlock's victim: the drop waited for the commit, and removed what it wrote
        await drop.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Null(await _store.ReadCheckpointAsync("decider:dyad-azeirn", 1));
        Assert.Empty(await _store.ReadRowsAsync("decider:dyad-azeirn", 1));
    }

    private static async Task Run(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until the drop is waiting on a lock in this test's schema (or has ended, which the caller's asserts judge).</summary>
    private async Task WaitUntilBlockedAsync(Task drop)
    {
        for (var i = 0; i < 300 && !drop.IsCompleted; i++)
        {
            var waiting = await TestServer.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%{_location.Schema}%'");
            if (Convert.ToInt64(waiting) > 0)
            {
                return;
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Api_keys_are_found_by_hash_with_their_role()
    {
        var keys = new PostgresApiKeyStore(_location);
        var created = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        await keys.AddAsync(new ApiKeyRecord("k1", new string('a', 64), ApiRole.Auditor, "audit desk", created));

        var found = await keys.FindAsync(new string('a', 64));

        Assert.Equal(new ApiKeyRecord("k1", new string('a', 64), ApiRole.Auditor, "audit desk", created), found);
        Assert.Null(await keys.FindAsync(new string('b', 64)));
    }

    public Task DisposeAsync() => TestServer.DropAsync(_location);
}
