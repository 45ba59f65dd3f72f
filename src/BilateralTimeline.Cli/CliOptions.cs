using System.CommandLine;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Cli;

public enum OutputFormat { Table, Json }

/// <summary>Options shared by every command, each with the help text that teaches it.</summary>
internal static class CliOptions
{
    public static string DefaultDatabasePath =>
        Environment.GetEnvironmentVariable("BT_DB") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(DataFolder, "timeline.db");

    public static string DataFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } d ? d : Path.GetTempPath(), "bilateral-timeline");

    public static readonly Option<string> Database = new("--db")
    {
        Description = "Path of the embedded store (a SQLite file, created on first use). Default: $BT_DB, else ~/.local/share/bilateral-timeline/timeline.db",
        Recursive = true,
        HelpName = "PATH",
    };

    public static readonly Option<string?> Store = new("--store")
    {
        Description = "Which event store: sqlite (an embedded file, the default), postgres (a server) or eventstoredb (an EventStoreDB node or cluster). Default: $BT_STORE, else sqlite",
        Recursive = true,
        HelpName = "sqlite|postgres|eventstoredb",
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "Where the store is: for sqlite a file path (same as --db); for postgres a connection string, e.g. \"Host=127.0.0.1;Port=5432;Username=bt;Password=…;Database=timeline;Search Path=bilateral_timeline\" (Search Path picks the schema) or postgres://user:pass@host:5432/db?schema=…; for eventstoredb esdb://[user:pass@]host:2113[,host:port…]?tls=false. Default: $BT_CONNECTION",
        Recursive = true,
        HelpName = "TEXT",
    };

    public static readonly Option<string?> Projections = new("--projections")
    {
        Description = "Where read models live (projection rows, the decider index that lets a write skip the history, API keys) when not beside the log: sqlite:PATH or postgres:CONNECTION. Needed for bt serve, keys and rebuild on eventstoredb; without it an eventstoredb write folds the dyad's whole stream. Default: $BT_PROJECTIONS, else the event store's own database (sqlite, postgres)",
        Recursive = true,
        HelpName = "KIND:TARGET",
    };

    public static readonly Option<OutputFormat> Format = new("--format")
    {
        Description = "table (for people) or json (for programs)",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public static readonly Option<string?> Dyad = new("--dyad")
    {
        Description = "The relationship, as two ISO 3166-1 alpha-3 codes (e.g. AZE-IRN). Default: the one most recently written to",
        Recursive = true,
        HelpName = "XXX-YYY",
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Valid time: what had happened by this date (YYYY-MM-DD). Default: today",
        HelpName = "DATE",
    };

    public static Option<string?> KnownAt() => new("--known-at")
    {
        Description = "Transaction time: answer with only what had been recorded by then (YYYY-MM-DD or ISO 8601 timestamp, UTC). Default: now",
        HelpName = "TIME",
    };

    public static string DatabasePath(ParseResult parse) => parse.GetValue(Database) is { Length: > 0 } path ? path : DefaultDatabasePath;

    /// <summary>The store a command works on, from --store/--connection/--db or $BT_STORE/$BT_CONNECTION/$BT_DB.</summary>
    public static StoreSelection Selection(ParseResult parse)
    {
        var readModels = parse.GetValue(Projections) is { Length: > 0 } named ? named : Environment.GetEnvironmentVariable("BT_PROJECTIONS") is { Length: > 0 } fromVariable ? fromVariable : null;
        var selection = EventStoreSelection(parse);
        if (readModels is null)
        {
            return selection;
        }
        var models = StoreSelection.ParseSpec(readModels, "--projections");
        return !models.Adapter.HoldsReadModels
            ? throw new InputRejectedException("--projections", "read models need tables: name a sqlite:PATH or postgres:CONNECTION store")
            : selection with { ReadModels = models };
    }

    private static StoreSelection EventStoreSelection(ParseResult parse)
    {
        var kindText = parse.GetValue(Store) ?? Environment.GetEnvironmentVariable("BT_STORE");
        var connection = parse.GetValue(Connection) is { Length: > 0 } given ? given : Environment.GetEnvironmentVariable("BT_CONNECTION") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        switch (string.IsNullOrWhiteSpace(kindText) ? StoreKind.Sqlite : StoreAdapters.KindOf(kindText))
        {
            case StoreKind.Sqlite:
                if (parse.GetValue(Database) is { Length: > 0 } && parse.GetValue(Connection) is { Length: > 0 })
                {
                    throw new InputRejectedException("--connection", "give the SQLite file either as --db or as --connection, not both");
                }
                return new StoreSelection(StoreKind.Sqlite, parse.GetValue(Database) is { Length: > 0 } db ? db : connection ?? DefaultDatabasePath);
            case StoreKind.Postgres:
                if (parse.GetValue(Database) is { Length: > 0 })
                {
                    throw new InputRejectedException("--db", "--db names a SQLite file; with --store postgres give --connection (or $BT_CONNECTION) instead");
                }
                return new StoreSelection(StoreKind.Postgres, connection
                    ?? throw new InputRejectedException("--connection", "--store postgres needs a connection string: --connection \"Host=127.0.0.1;Port=5432;Username=bt;Password=…;Database=timeline\" or $BT_CONNECTION"));
            case StoreKind.EventStoreDb:
                if (parse.GetValue(Database) is { Length: > 0 })
                {
                    throw new InputRejectedException("--db", "--db names a SQLite file; with --store eventstoredb give --connection esdb://… (or $BT_CONNECTION) instead");
                }
                return new StoreSelection(StoreKind.EventStoreDb, connection
                    ?? throw new InputRejectedException("--connection", "--store eventstoredb needs a connection string: --connection \"esdb://127.0.0.1:2113?tls=false\" or $BT_CONNECTION"));
            default:
                throw new InputRejectedException("--store", $"'{kindText}' is not a store; choose one of {StoreAdapters.KindNames}");
        }
    }

    public static DateOnly? ParseDate(string? text, string option) => TimeArguments.Date(text, option);

    public static DateTimeOffset? ParseInstant(string? text, string option) => TimeArguments.Instant(text, option);

    public static string RecordedBy(string? given) =>
        given is { Length: > 0 } ? given : Environment.GetEnvironmentVariable("BT_USER") is { Length: > 0 } user ? user : $"cli:{Environment.UserName}";
}
