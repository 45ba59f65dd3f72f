using System.Collections.Concurrent;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Testing.InMemory;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// "memory:NAME" stores for use cases that open stores by name: each name is one <see cref="InMemoryLog"/>
/// that outlives the stores opened on it, so a test can fill or damage it and then hand it over by name.
/// </summary>
internal sealed class InMemoryStoreAdapter : IStoreAdapter
{
    private readonly ConcurrentDictionary<string, InMemoryLog> _logs = new(StringComparer.Ordinal);

    public string Kind => "memory";

    public StoreCapabilities Capabilities => InMemoryEventStore.Capabilities;

    public bool HoldsReadModels => false;

    public InMemoryLog LogOf(string name) => _logs.GetOrAdd(name, _ => new InMemoryLog());

    public string Describe(StoreAddress at) => $"memory {at.Target}";

    public Task<IEventStore> OpenAsync(StoreAddress at, TimeProvider clock, CancellationToken cancellationToken = default) =>
        Task.FromResult<IEventStore>(new InMemoryEventStore(LogOf(at.Target), clock));

    public Task<ReadModelStores> OpenReadModelsAsync(StoreAddress at, TimeProvider clock, bool besideOpenLog, CancellationToken cancellationToken = default) =>
        throw new EventStoreUnavailableException("the in-memory store keeps no read models");

    public Task<SchemaMigration> MigrateAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult(new SchemaMigration(1, 1));

    public StoreAddress Scratch(StoreAddress at, string folder, string label) => new($"{label}-{Guid.NewGuid():N}");

    public Task DropScratchAsync(StoreAddress scratch, CancellationToken cancellationToken = default)
    {
        _logs.TryRemove(scratch.Target, out _);
        return Task.CompletedTask;
    }

    public Task<long?> SizeOnDiskAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    public Task<bool> TryFlushAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult(true);
}

/// <summary>The catalog a composition root would fill: here SQLite files and in-memory logs.</summary>
internal sealed class TestStoreCatalog(InMemoryStoreAdapter memory) : IStoreCatalog
{
    public string KindNames => "sqlite, memory";

    public IStoreAdapter? Find(string kind) => kind switch
    {
        "sqlite" => EventStore.Sqlite.SqliteStoreAdapter.Instance,
        "memory" => memory,
        _ => null,
    };
}
