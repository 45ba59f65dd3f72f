using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli.Commands;

/// <summary>The search index beside the chosen event store, in the same database.</summary>
internal static class SearchIndexes
{
    public const string EventStoreDbHint = "search keeps its index in tables beside the log, and EventStoreDB has none: search a copy on --store sqlite or --store postgres (bt copy --from eventstoredb:URL --to sqlite:FILE, then bt search --db FILE …)";

    public static async Task<ISearchIndexStore> OpenAsync(IEventStore store, CancellationToken cancellationToken) => store switch
    {
        SqliteEventStore sqlite => SqliteSearchIndex.Open(sqlite.Path),
        PostgresEventStore postgres => await PostgresSearchIndex.OpenAsync(postgres.Location, cancellationToken).ConfigureAwait(false),
        _ => throw new EventStoreUnavailableException(EventStoreDbHint),
    };
}
