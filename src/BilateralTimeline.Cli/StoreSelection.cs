using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// Which event store a command works on: the kind and where it is (a file path for SQLite, a
/// connection string for PostgreSQL). Written "KIND:TARGET" where one string names a whole store,
/// as in `bt copy --from sqlite:demo.db --to postgres:Host=…`.
/// </summary>
internal sealed record StoreSelection(StoreKind Kind, string Target)
{
    public static string KindNames => "sqlite, postgres";

    /// <summary>For messages: never a password.</summary>
    public string Describe() => Kind switch
    {
        StoreKind.Postgres => $"postgres {PostgresLocation.Parse(Target).Describe()} schema {PostgresLocation.Parse(Target).Schema}",
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
            _ => throw new Application.Validation.InputRejectedException(option,
                $"'{spec}' does not name a store; write KIND:TARGET with KIND one of {KindNames}, e.g. sqlite:demo.db or \"postgres:Host=127.0.0.1;Username=bt;Database=timeline\""),
        };
    }

    public async Task<(IEventStore Store, StoreCapabilities Capabilities)> OpenAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        switch (Kind)
        {
            case StoreKind.Postgres:
                var store = await PostgresEventStore.OpenAsync(PostgresLocation.Parse(Target), clock, cancellationToken).ConfigureAwait(false);
                return (store, new StoreCapabilities("postgres", GapFreePositions: true));
            default:
                return (SqliteEventStore.Open(Target, clock), new StoreCapabilities("sqlite", GapFreePositions: true));
        }
    }
}
