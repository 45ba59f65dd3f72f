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
    /// <summary>The same mapping as a port, for use cases that open stores by name (bt copy).</summary>
    public static IStoreCatalog Catalog { get; } = new StoreCatalog();

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

internal sealed class StoreCatalog : IStoreCatalog
{
    public string KindNames => StoreAdapters.KindNames;

    public IStoreAdapter? Find(string kind) => StoreAdapters.KindOf(kind) is { } known ? StoreAdapters.For(known) : null;
}
