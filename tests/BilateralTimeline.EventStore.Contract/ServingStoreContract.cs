using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// What every adapter's <see cref="IProjectionStore"/> and <see cref="IApiKeyStore"/> must do (see the
/// contract on <see cref="IProjectionStore"/>). An adapter's test project inherits this class and
/// supplies fresh stores in the same database as a fresh event store.
/// </summary>
public abstract class ServingStoreContract : IAsyncLifetime
{
    private IEventStore? _events;

    protected IProjectionStore Projections { get; private set; } = null!;

    protected IApiKeyStore Keys { get; private set; } = null!;

    /// <summary>A fresh event store and the serving stores in its database.</summary>
    protected abstract Task<(IEventStore Events, IProjectionStore Projections, IApiKeyStore Keys)> CreateAsync();

    public async Task InitializeAsync() => (_events, Projections, Keys) = await CreateAsync();

    public virtual async Task DisposeAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_projection_never_committed_has_no_checkpoint_and_no_live_version()
    {
        Assert.Null(await Projections.ReadCheckpointAsync("p", 1));
        Assert.Null(await Projections.ReadLiveVersionAsync("p"));
        Assert.Empty(await Projections.ReadRowsAsync("p", 1));
        Assert.Empty(await Projections.ListVersionsAsync("p"));
    }

    [Fact]
    public async Task A_commit_writes_rows_with_version_and_position_and_moves_the_checkpoint()
    {
        await Projections.CommitAsync("p", 3, 0, 7, [new ProjectionRowChange("b", "{\"v\":2}"), new ProjectionRowChange("a", "{\"v\":1}")]);

        var rows = await Projections.ReadRowsAsync("p", 3);
        Assert.Equal(["a", "b"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal((3, 7L), (r.Version, r.Position)));
        Assert.Equal("{\"v\":1}", rows[0].Document);
        Assert.Equal(7, (await Projections.ReadCheckpointAsync("p", 3))!.Position);
        Assert.Equal([3], await Projections.ListVersionsAsync("p"));
    }

    [Fact]
    public async Task Rows_read_by_keys_are_exactly_the_named_rows_of_that_version_as_last_committed()
    {
        await Projections.CommitAsync("p", 1, 0, 4, [new ProjectionRowChange("a", "{\"v\":1}"), new ProjectionRowChange("b", "{\"v\":2}"), new ProjectionRowChange("c|x'y", "{\"v\":3}")]);
        await Projections.CommitAsync("p", 1, 4, 6, [new ProjectionRowChange("b", "{\"v\":20}"), new ProjectionRowChange("a", null)]);
        await Projections.CommitAsync("p", 2, 0, 9, [new ProjectionRowChange("b", "{\"other\":true}")]);

        var rows = await Projections.ReadRowsByKeysAsync("p", 1, ["a", "b", "c|x'y", "missing"]);

        Assert.Equal(["b", "c|x'y"], rows.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(("{\"v\":20}", 1, 6L), rows.Where(r => r.Key == "b").Select(r => (r.Document, r.Version, r.Position)).Single());
        Assert.Equal(("{\"v\":3}", 4L), rows.Where(r => r.Key == "c|x'y").Select(r => (r.Document, r.Position)).Single());
        Assert.Empty(await Projections.ReadRowsByKeysAsync("p", 1, []));
        Assert.Empty(await Projections.ReadRowsByKeysAsync("q", 1, ["b"]));
    }

    [Fact]
    public async Task A_commit_from_a_stale_checkpoint_is_refused_and_changes_nothing()
    {
        await Projections.CommitAsync("p", 1, 0, 5, [new ProjectionRowChange("a", "{\"v\":1}")]);

        var refused = await Assert.ThrowsAsync<ProjectionCheckpointMovedException>(() => Projections.CommitAsync("p", 1, 0, 9, [new ProjectionRowChange("a", "{\"v\":2}"), new ProjectionRowChange("b", "{}")]));

        Assert.Equal(5, refused.Actual);
        Assert.Equal("{\"v\":1}", Assert.Single(await Projections.ReadRowsAsync("p", 1)).Document);
        Assert.Equal(5, (await Projections.ReadCheckpointAsync("p", 1))!.Position);
    }

    [Fact]
    public async Task Of_two_runners_committing_from_the_same_checkpoint_exactly_one_succeeds()
    {
        await Projections.CommitAsync("p", 1, 0, 1, []);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try
            {
                await Projections.CommitAsync("p", 1, 1, 2, [new ProjectionRowChange("k", $"{{\"runner\":{i}}}")]);
                return true;
            }
            catch (ProjectionCheckpointMovedException)
            {
                return false;
            }
        })));

        Assert.Equal(1, attempts.Count(ok => ok));
        Assert.Equal(2, (await Projections.ReadCheckpointAsync("p", 1))!.Position);
    }

    [Fact]
    public async Task Of_runners_starting_a_new_version_at_once_exactly_one_succeeds()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try
            {
                await Projections.CommitAsync("p", 1, 0, 3, [new ProjectionRowChange("k", $"{{\"runner\":{i}}}")]);
                return true;
            }
            catch (ProjectionCheckpointMovedException)
            {
                return false;
            }
        })));

        Assert.Equal(1, attempts.Count(ok => ok));
        Assert.Equal(3, (await Projections.ReadCheckpointAsync("p", 1))!.Position);
    }

    [Fact]
    public async Task A_null_document_deletes_the_row_and_rows_after_a_position_come_in_position_order()
    {
        await Projections.CommitAsync("p", 1, 0, 4, [new ProjectionRowChange("a", "{}"), new ProjectionRowChange("b", "{}")]);
        await Projections.CommitAsync("p", 1, 4, 6, [new ProjectionRowChange("a", null), new ProjectionRowChange("c", "{}")]);
        await Projections.CommitAsync("p", 1, 6, 8, [new ProjectionRowChange("b", "{\"x\":1}")]);

        Assert.Equal(["c", "b"], (await Projections.ReadRowsAsync("p", 1)).Select(r => r.Key));
        Assert.Equal(["b"], (await Projections.ReadRowsAsync("p", 1, 6)).Select(r => r.Key));
    }

    [Fact]
    public async Task The_live_version_swaps_only_from_the_expected_one()
    {
        Assert.True(await Projections.SwapLiveAsync("p", null, 1));
        Assert.False(await Projections.SwapLiveAsync("p", null, 2));
        Assert.True(await Projections.SwapLiveAsync("p", 1, 2));
        Assert.False(await Projections.SwapLiveAsync("p", 1, 3));
        Assert.Equal(2, await Projections.ReadLiveVersionAsync("p"));
        Assert.Null(await Projections.ReadLiveVersionAsync("other"));
    }

    [Fact]
    public async Task Versions_are_separate_and_dropping_one_leaves_the_other_but_never_drops_the_live_one()
    {
        await Projections.CommitAsync("p", 1, 0, 3, [new ProjectionRowChange("a", "{\"v\":1}")]);
        await Projections.CommitAsync("p", 2, 0, 3, [new ProjectionRowChange("a", "{\"v\":2}")]);
        await Projections.SwapLiveAsync("p", null, 2);

        await Projections.DropVersionAsync("p", 1);

        Assert.Empty(await Projections.ReadRowsAsync("p", 1));
        Assert.Null(await Projections.ReadCheckpointAsync("p", 1));
        Assert.Equal("{\"v\":2}", Assert.Single(await Projections.ReadRowsAsync("p", 2)).Document);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Projections.DropVersionAsync("p", 2));
    }

    [Fact]
    public async Task A_key_is_found_by_its_hash_with_its_role()
    {
        var key = new ApiKeyRecord("key-1", new string('a', 64), ApiRole.Auditor, "auditor-1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

        await Keys.AddAsync(key);

        Assert.Equal(key, await Keys.FindAsync(key.Sha256Hex));
        Assert.Null(await Keys.FindAsync(new string('b', 64)));
    }

    [Fact]
    public async Task A_revoked_key_is_still_found_and_listed_with_who_revoked_it_and_when_and_a_second_revocation_keeps_the_first()
    {
        var made = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await Keys.AddAsync(new ApiKeyRecord("key-1", new string('a', 64), ApiRole.Analyst, "desk-1", made) { CreatedBy = "ops-bob" });
        await Keys.AddAsync(new ApiKeyRecord("key-2", new string('c', 64), ApiRole.Consumer, "dashboard", made.AddMinutes(1)));
        var at = made.AddDays(1);

        var first = await Keys.RevokeAsync("key-1", "ops-anna", at);
        var second = await Keys.RevokeAsync("key-1", "ops-carl", at.AddHours(1));
        var unknown = await Keys.RevokeAsync("key-9", "ops-anna", at);
        var found = await Keys.FindAsync(new string('a', 64));
        var listed = await Keys.ListAsync();

        Assert.True(first!.Changed);
        Assert.False(second!.Changed);
        Assert.Null(unknown);
        Assert.Equal(("ops-bob", at, "ops-anna"), (found!.CreatedBy, found.Revoked, found.RevokedBy));
        Assert.Equal(found, second.Key);
        Assert.Equal(["key-1", "key-2"], listed.Select(k => k.Id));
        Assert.Equal((null, null, null), (listed[1].CreatedBy, listed[1].Revoked, listed[1].RevokedBy));
    }
}
