using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>The embedded store as a composition root opens it: everything lives in one file.</summary>
public sealed class SqliteStoreAdapter : IStoreAdapter
{
    public static SqliteStoreAdapter Instance { get; } = new();

    public string Kind => "sqlite";

    public StoreCapabilities Capabilities => SqliteEventStore.Capabilities;

    public bool HoldsReadModels => true;

    public string Describe(StoreAddress at) => $"sqlite {Path.GetFullPath(at.Target)}";

    public Task<IEventStore> OpenAsync(StoreAddress at, TimeProvider clock, CancellationToken cancellationToken = default) =>
        Task.FromResult<IEventStore>(SqliteEventStore.Open(at.Target, clock));

    public Task<ReadModelStores> OpenReadModelsAsync(StoreAddress at, TimeProvider clock, bool besideOpenLog, CancellationToken cancellationToken = default)
    {
        // A file of read models only is created as a store first: its versioned schema is the serving tables' base.
        var path = new Lazy<string>(() =>
        {
            if (!besideOpenLog)
            {
                SqliteEventStore.Open(at.Target, clock).DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            return at.Target;
        });
        return Task.FromResult(new ReadModelStores(
            new LazyProjectionStore(() => SqliteProjectionStore.Open(path.Value, clock)),
            () => SqliteApiKeyStore.Open(path.Value),
            _ => Task.FromResult<ISearchIndexStore>(SqliteSearchIndex.Open(path.Value))));
    }

    public async Task<SchemaMigration> MigrateAsync(StoreAddress at, CancellationToken cancellationToken = default)
    {
        await using var store = SqliteEventStore.Open(at.Target, TimeProvider.System);
        return new SchemaMigration(store.SchemaVersionFound, SqliteEventStore.SchemaVersion);
    }

    public StoreAddress Scratch(StoreAddress at, string folder, string label) => new(Path.Combine(folder, $"{label}.db"));

    // The file is in the caller's folder, which the caller keeps (a benchmark's --dir) or deletes.
    public Task DropScratchAsync(StoreAddress scratch, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<long?> SizeOnDiskAsync(StoreAddress at, CancellationToken cancellationToken = default)
    {
        var path = at.Target;
        return Task.FromResult<long?>(new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0));
    }

    // Every commit is already durable (synchronous = FULL): there is nothing left to flush.
    public Task<bool> TryFlushAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult(true);
}
