using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Postgres;

/// <summary>The server store as a composition root opens it: one schema holds the log and its read models.</summary>
public sealed class PostgresStoreAdapter : IStoreAdapter
{
    public static PostgresStoreAdapter Instance { get; } = new();

    public string Kind => "postgres";

    public StoreCapabilities Capabilities => PostgresEventStore.Capabilities;

    public bool HoldsReadModels => true;

    public string Describe(StoreAddress at)
    {
        var location = PostgresLocation.Parse(at.Target);
        return $"postgres {location.Describe()} schema {location.Schema}";
    }

    public async Task<IEventStore> OpenAsync(StoreAddress at, TimeProvider clock, CancellationToken cancellationToken = default) =>
        await PostgresEventStore.OpenAsync(PostgresLocation.Parse(at.Target), clock, cancellationToken).ConfigureAwait(false);

    public async Task<ReadModelStores> OpenReadModelsAsync(StoreAddress at, TimeProvider clock, bool besideOpenLog, CancellationToken cancellationToken = default)
    {
        var location = PostgresLocation.Parse(at.Target);
        if (!besideOpenLog)
        {
            // A schema of read models only: migrating it makes the projection and key tables.
            await PostgresEventStore.MigrateAsync(location, cancellationToken).ConfigureAwait(false);
        }
        return new ReadModelStores(
            new PostgresProjectionStore(location, clock),
            () => new PostgresApiKeyStore(location),
            async ct => await PostgresSearchIndex.OpenAsync(location, ct).ConfigureAwait(false));
    }

    public async Task<SchemaMigration> MigrateAsync(StoreAddress at, CancellationToken cancellationToken = default)
    {
        var outcome = await PostgresEventStore.MigrateAsync(PostgresLocation.Parse(at.Target), cancellationToken).ConfigureAwait(false);
        return new SchemaMigration(outcome.VersionBefore, outcome.VersionAfter);
    }

    public StoreAddress Scratch(StoreAddress at, string folder, string label)
    {
        var schema = $"{label.ToLowerInvariant().Replace('-', '_')}_{Guid.NewGuid():N}"[..(label.Length + 9)];
        return at with { Target = PostgresLocation.Parse(at.Target).WithSchema(schema).ConnectionString + $";Search Path={schema}" };
    }

    public Task DropScratchAsync(StoreAddress scratch, CancellationToken cancellationToken = default) =>
        PostgresMaintenance.DropStoreAsync(PostgresLocation.Parse(scratch.Target), cancellationToken);

    public async Task<long?> SizeOnDiskAsync(StoreAddress at, CancellationToken cancellationToken = default) =>
        await PostgresMaintenance.SizeOnDiskAsync(PostgresLocation.Parse(at.Target), cancellationToken).ConfigureAwait(false);

    public Task<bool> TryFlushAsync(StoreAddress at, CancellationToken cancellationToken = default) =>
        PostgresMaintenance.TryCheckpointAsync(PostgresLocation.Parse(at.Target), cancellationToken);
}
