using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Cli;

/// <summary>
/// Which event store a command works on: the kind and where it is (a file path for SQLite, a
/// connection string for PostgreSQL, an esdb:// URI for EventStoreDB). Written "KIND:TARGET" where one string names a whole store,
/// as in `bt copy --from sqlite:demo.db --to postgres:Host=…`.
/// </summary>
/// <param name="Kind">Which adapter.</param>
/// <param name="Target">The file path, connection string or esdb:// URI.</param>
/// <param name="Namespace">EventStoreDB only: a prefix for every stream, so that a throwaway run (a benchmark) can share a database.</param>
internal sealed record StoreSelection(StoreKind Kind, string Target, string? Namespace = null)
{
    /// <summary>
    /// Where read models (projection rows, the decider index, API keys) are kept when not in the event
    /// store's own database: --projections sqlite:PATH or postgres:CONNECTION, the only way for EventStoreDB.
    /// </summary>
    public StoreSelection? ReadModels { get; init; }

    public static string KindNames => StoreAdapters.KindNames;

    public IStoreAdapter Adapter => StoreAdapters.For(Kind);

    public StoreAddress Address => new(Target, Namespace);

    public string KindName => Adapter.Kind;

    /// <summary>For messages: never a password.</summary>
    public string Describe() => Adapter.Describe(Address);

    public static StoreSelection ParseSpec(string spec, string option)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var word = colon > 0 ? spec[..colon] : "";
        // "esdb://host" is itself a spec: the URI's scheme names the kind and the whole URI is the target.
        return StoreAdapters.KindOf(word) switch
        {
            StoreKind.EventStoreDb when spec.StartsWith("esdb:", StringComparison.OrdinalIgnoreCase) && !spec.StartsWith("esdb:esdb", StringComparison.OrdinalIgnoreCase) => new StoreSelection(StoreKind.EventStoreDb, spec),
            { } kind => new StoreSelection(kind, spec[(colon + 1)..]),
            _ => throw new Application.Validation.InputRejectedException(option,
                $"'{spec}' does not name a store; write KIND:TARGET with KIND one of {KindNames}, e.g. sqlite:demo.db or \"postgres:Host=127.0.0.1;Username=bt;Database=timeline\""),
        };
    }

    public async Task<(IEventStore Store, StoreCapabilities Capabilities)> OpenAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        (await Adapter.OpenAsync(Address, clock, cancellationToken).ConfigureAwait(false), Adapter.Capabilities);
}
