using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.EventStoreDb;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli;

public enum StoreKind { Sqlite, Postgres, EventStoreDb }

/// <summary>
/// The one place a kind word becomes an adapter. Everything else in the CLI works through
/// <see cref="IStoreAdapter"/>, so a new store is an adapter project and a line here.
/// </summary>
internal static class StoreAdapters
{
    public static string KindNames => "sqlite, postgres, eventstoredb";

    public static IStoreAdapter For(StoreKind kind) => kind switch
    {
        StoreKind.Postgres => PostgresStoreAdapter.Instance,
        StoreKind.EventStoreDb => EventStoreDbStoreAdapter.Instance,
        _ => SqliteStoreAdapter.Instance,
    };

    /// <summary>The kind a word names (its usual spellings included); null when it names none.</summary>
    public static StoreKind? KindOf(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => StoreKind.Sqlite,
        "postgres" or "postgresql" => StoreKind.Postgres,
        "eventstoredb" or "esdb" => StoreKind.EventStoreDb,
        _ => null,
    };
}
