using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing;

namespace BilateralTimeline.EventStore.Postgres.Tests;

/// <summary>The PostgreSQL adapter's opening surface on the test server: describing, migrating, read models in a schema of their own, scratch schemas.</summary>
public sealed class PostgresStoreAdapterTests : IAsyncLifetime
{
    private readonly List<string> _schemas = [];

    private static IStoreAdapter Adapter => PostgresStoreAdapter.Instance;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DropSchemasAsync(_schemas);

    [Fact]
    public void The_description_names_server_database_and_schema_but_never_the_password()
    {
        var described = Adapter.Describe(new StoreAddress("Host=db.example;Port=5433;Username=bt;Password=s3cret-word;Database=timeline;Search Path=team_a"));

        Assert.Equal("postgres db.example:5433/timeline schema team_a", described);
        Assert.DoesNotContain("s3cret-word", Adapter.Describe(new StoreAddress("postgres://bt:s3cret-word@db.example:5433/timeline?schema=team_a")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrating_a_fresh_schema_creates_it_and_a_second_migration_finds_it_up_to_date()
    {
        var at = Fresh();

        var first = await Adapter.MigrateAsync(at);
        var second = await Adapter.MigrateAsync(at);

        Assert.Equal(("created", 0), (first.Outcome, first.VersionBefore));
        Assert.Equal(("up to date", first.VersionAfter), (second.Outcome, second.VersionBefore));
    }

    [Fact]
    public async Task A_schema_named_for_read_models_only_gets_its_tables_when_opened_for_them()
    {
        var at = Fresh();

        var models = await Adapter.OpenReadModelsAsync(at, TimeProvider.System, besideOpenLog: false);

        Assert.Empty(await models.Keys.ListAsync());
        Assert.Null(await models.Projections.ReadLiveVersionAsync("state"));
        Assert.Equal(0, (await (await models.SearchAsync()).ReadCheckpointAsync()).Position);
    }

    [Fact]
    public async Task A_scratch_schema_is_a_fresh_store_that_dropping_removes()
    {
        var scratch = Adapter.Scratch(Fresh(), "/unused", "bench-run1");
        _schemas.Add(PostgresLocation.Parse(scratch.Target).Schema);

        await using (var store = await Adapter.OpenAsync(scratch, TimeProvider.System))
        {
            Assert.Empty(await store.ReadAllAsync().ToListAsync());
        }
        Assert.StartsWith("bench_run1_", PostgresLocation.Parse(scratch.Target).Schema, StringComparison.Ordinal);
        Assert.True(await Adapter.SizeOnDiskAsync(scratch) > 0);
        await Adapter.DropScratchAsync(scratch);

        Assert.Equal(0L, await TestPostgres.ScalarAsync($"SELECT count(*) FROM pg_namespace WHERE nspname = '{PostgresLocation.Parse(scratch.Target).Schema}'"));
    }

    private StoreAddress Fresh()
    {
        var schema = TestPostgres.FreshSchemaName("adp");
        _schemas.Add(schema);
        return new StoreAddress(TestPostgres.WithSearchPath(schema));
    }
}
