using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.EventStoreDb;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli;

public enum StoreKind { Sqlite, Postgres, EventStoreDb }

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

    public static string KindNames => "sqlite, postgres, eventstoredb";

    public string KindName => Kind switch
    {
        StoreKind.Postgres => "postgres",
        StoreKind.EventStoreDb => "eventstoredb",
        _ => "sqlite",
    };

    /// <summary>For messages: never a password.</summary>
    public string Describe() => Kind switch
    {
        StoreKind.Postgres => $"postgres {PostgresLocation.Parse(Target).Describe()} schema {PostgresLocation.Parse(Target).Schema}",
        StoreKind.EventStoreDb => $"eventstoredb {WithoutCredentials(Target)}",
        _ => $"sqlite {Path.GetFullPath(Target)}",
    };

    public static StoreSelection ParseSpec(string spec, string option)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? spec[..colon] : "";
        return kind.ToLowerInvariant() switch
        {
            "sqlite" => new StoreSelection(StoreKind.Sqlite, spec[(colon + 1)..]),
            "postgres" or "postgresql" => new StoreSelection(StoreKind.Postgres, spec[(colon + 1)..]),
            "eventstoredb" or "esdb" when spec.StartsWith("esdb:", StringComparison.OrdinalIgnoreCase) && !spec.StartsWith("esdb:esdb", StringComparison.OrdinalIgnoreCase) => new StoreSelection(StoreKind.EventStoreDb, spec),
            "eventstoredb" or "esdb" => new StoreSelection(StoreKind.EventStoreDb, spec[(colon + 1)..]),
            _ => throw new Application.Validation.InputRejectedException(option,
                $"'{spec}' does not name a store; write KIND:TARGET with KIND one of {KindNames}, e.g. sqlite:demo.db or \"postgres:Host=127.0.0.1;Username=bt;Database=timeline\""),
        };
    }

    /// <summary>An esdb:// URI with any user:password@ removed, for messages.</summary>
    private static string WithoutCredentials(string uri)
    {
        var at = uri.IndexOf('@', StringComparison.Ordinal);
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? uri[..(scheme + 3)] + uri[(at + 1)..] : uri;
    }

    public async Task<(IEventStore Store, StoreCapabilities Capabilities)> OpenAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        switch (Kind)
        {
            case StoreKind.Postgres:
                var store = await PostgresEventStore.OpenAsync(PostgresLocation.Parse(Target), clock, cancellationToken).ConfigureAwait(false);
                return (store, PostgresEventStore.Capabilities);
            case StoreKind.EventStoreDb:
                try
                {
                    var options = Namespace is null ? EventStoreDbStoreOptions.Default : EventStoreDbStoreOptions.Default with { Namespace = Namespace };
                    return (await EventStoreDbEventStore.OpenAsync(Target, clock, options, cancellationToken).ConfigureAwait(false), EventStoreDbEventStore.Capabilities);
                }
                catch (ArgumentException e)
                {
                    throw new Application.Validation.InputRejectedException("--connection", e.Message);
                }
            default:
                return (SqliteEventStore.Open(Target, clock), SqliteEventStore.Capabilities);
        }
    }
}
