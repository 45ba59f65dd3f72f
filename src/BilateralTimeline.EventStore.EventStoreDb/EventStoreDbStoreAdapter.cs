using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// The user's EventStoreDB as a composition root opens it. It has no tables: read models live in a store
/// named for them, and a database cannot be emptied, so throwaway runs write under a namespace of their own.
/// </summary>
public sealed class EventStoreDbStoreAdapter : IStoreAdapter
{
    private const string NoTables = "serving (projection tables, API keys, the search index) needs a database beside the log: run bt serve, keys, rebuild and search on --store sqlite or --store postgres, or on eventstoredb name a read-model store with --projections sqlite:PATH or --projections postgres:CONNECTION (EventStoreDB has no tables); or search and serve a copy: bt copy --from eventstoredb:URL --to sqlite:FILE";

    public static EventStoreDbStoreAdapter Instance { get; } = new();

    public string Kind => "eventstoredb";

    public StoreCapabilities Capabilities => EventStoreDbEventStore.Capabilities;

    public bool HoldsReadModels => false;

    public string Describe(StoreAddress at) => $"eventstoredb {WithoutCredentials(at.Target)}";

    public async Task<IEventStore> OpenAsync(StoreAddress at, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        try
        {
            var options = at.Namespace is null ? EventStoreDbStoreOptions.Default : EventStoreDbStoreOptions.Default with { Namespace = at.Namespace };
            return await EventStoreDbEventStore.OpenAsync(at.Target, clock, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            throw new InputRejectedException("--connection", e.Message);
        }
    }

    public Task<ReadModelStores> OpenReadModelsAsync(StoreAddress at, TimeProvider clock, bool besideOpenLog, CancellationToken cancellationToken = default) =>
        throw new EventStoreUnavailableException(NoTables);

    /// <summary>Nothing to create: streams come into being with their first event. Connecting proves the node answers.</summary>
    public async Task<SchemaMigration> MigrateAsync(StoreAddress at, CancellationToken cancellationToken = default)
    {
        await using (await OpenAsync(at, TimeProvider.System, cancellationToken).ConfigureAwait(false))
        {
        }
        return new SchemaMigration(1, 1);
    }

    public StoreAddress Scratch(StoreAddress at, string folder, string label) => at with { Namespace = EventStoreDbStoreOptions.ForIsolatedRun(label.Replace("-", "", StringComparison.Ordinal)).Namespace };

    // Streams cannot be deleted for good; the run's namespace is simply never used again.
    public Task DropScratchAsync(StoreAddress scratch, CancellationToken cancellationToken = default) => Task.CompletedTask;

    // The server's chunk files are not ours to measure over gRPC.
    public Task<long?> SizeOnDiskAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

    // The server flushes on its own schedule; a client has nothing to ask for, so nothing is refused.
    public Task<bool> TryFlushAsync(StoreAddress at, CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>An esdb:// URI with any user:password@ removed, for messages.</summary>
    private static string WithoutCredentials(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? uri[..(scheme + 3)] + uri[(at + 1)..] : uri;
    }
}
