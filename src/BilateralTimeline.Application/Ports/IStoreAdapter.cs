namespace BilateralTimeline.Application.Ports;

/// <summary>
/// One kind of event store, as a composition root sees it: how to open it, open what serving keeps
/// beside it, migrate it and name it in a message. Each adapter project implements this once, so a
/// composition root picks an adapter by its kind word and never names the adapter's own types.
/// </summary>
public interface IStoreAdapter
{
    /// <summary>The kind word users type (<c>sqlite</c>, <c>postgres</c>, <c>eventstoredb</c>), also <see cref="StoreCapabilities.Name"/>.</summary>
    string Kind { get; }

    /// <summary>What the store guarantees beyond the port's contract.</summary>
    StoreCapabilities Capabilities { get; }

    /// <summary>Whether the store has tables for read models (projections, API keys, the search index) beside its log.</summary>
    bool HoldsReadModels { get; }

    /// <summary>Where the store is, safe to print: never a password.</summary>
    string Describe(StoreAddress at);

    /// <summary>Opens the event store, creating or upgrading its schema on first use.</summary>
    /// <exception cref="Validation.InputRejectedException">The address is malformed.</exception>
    /// <exception cref="EventStoreUnavailableException">The store cannot be reached or is not ours.</exception>
    Task<IEventStore> OpenAsync(StoreAddress at, TimeProvider clock, CancellationToken cancellationToken = default);

    /// <summary>
    /// The read-model stores at <paramref name="at"/>, each opened (and its tables made) only when first
    /// used, so a command that only reads the log changes nothing. <paramref name="besideOpenLog"/>: the
    /// event store at the same address is already open (its schema made); otherwise this store holds read
    /// models only and its schema is made here.
    /// </summary>
    /// <exception cref="EventStoreUnavailableException">This kind has no tables (<see cref="HoldsReadModels"/> is false).</exception>
    Task<ReadModelStores> OpenReadModelsAsync(StoreAddress at, TimeProvider clock, bool besideOpenLog, CancellationToken cancellationToken = default);

    /// <summary>Creates or upgrades the schema, idempotently, and says what it found.</summary>
    Task<SchemaMigration> MigrateAsync(StoreAddress at, CancellationToken cancellationToken = default);

    /// <summary>
    /// A fresh, empty store of this kind next to <paramref name="at"/> for a throwaway run (a benchmark),
    /// named after <paramref name="label"/> (letters, digits and '-'); files go under <paramref name="folder"/>.
    /// Stores on a server get a unique suffix too, because a schema or namespace may outlive the run.
    /// </summary>
    StoreAddress Scratch(StoreAddress at, string folder, string label);

    /// <summary>Removes a store made by <see cref="Scratch"/> that lives outside the caller's folder (a schema on a server). Irreversible.</summary>
    Task DropScratchAsync(StoreAddress scratch, CancellationToken cancellationToken = default);

    /// <summary>Bytes the log takes on disk; null where the store's files are not ours to measure.</summary>
    Task<long?> SizeOnDiskAsync(StoreAddress at, CancellationToken cancellationToken = default);

    /// <summary>Asks the store to flush everything to disk now, so that a timed run does not pay for earlier writes; false when refused.</summary>
    Task<bool> TryFlushAsync(StoreAddress at, CancellationToken cancellationToken = default);
}

/// <summary>Where a store is, in its kind's own terms.</summary>
/// <param name="Target">A file path (SQLite), a connection string (PostgreSQL) or an esdb:// URI (EventStoreDB).</param>
/// <param name="Namespace">A prefix for every stream, for stores that cannot be emptied (EventStoreDB): lets a throwaway run share a database.</param>
public sealed record StoreAddress(string Target, string? Namespace = null);

/// <summary>What <see cref="IStoreAdapter.MigrateAsync"/> found and did.</summary>
/// <param name="VersionBefore">The schema version found; 0: created now.</param>
/// <param name="VersionAfter">The schema version now.</param>
public sealed record SchemaMigration(int VersionBefore, int VersionAfter)
{
    public string Outcome => VersionBefore == 0 ? "created" : VersionBefore < VersionAfter ? "upgraded" : "up to date";
}
