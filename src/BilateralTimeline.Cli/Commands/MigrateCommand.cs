using System.CommandLine;
using BilateralTimeline.Cli.Rendering;
using BilateralTimeline.EventStore.Postgres;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", """
            Create or upgrade the store's schema, idempotently: safe to run again and from many processes at
            once. Every command does this on first use; run it explicitly when the schema must be created by
            a privileged role before others use it.
            Example: bt migrate --store postgres --connection "Host=db;Username=owner;Database=timeline;Search Path=team_a"
            """);
        command.SetAction((parse, ct) => CommandRunner.Guarded(async () =>
        {
            var selection = CliOptions.Selection(parse);
            if (selection.Kind == StoreKind.Postgres)
            {
                var outcome = await PostgresEventStore.MigrateAsync(PostgresLocation.Parse(selection.Target), ct);
                Report(parse, selection, outcome.Created ? "created" : outcome.VersionBefore < outcome.VersionAfter ? "upgraded" : "up to date", outcome.VersionAfter);
                return ExitCodes.Ok;
            }
            await using (var host = await CliHost.OpenAsync(selection, ct))
            {
                if (host.Store is SqliteEventStore sqlite)
                {
                    var found = sqlite.SchemaVersionFound;
                    Report(parse, selection, found == 0 ? "created" : found < SqliteEventStore.SchemaVersion ? "upgraded" : "up to date", SqliteEventStore.SchemaVersion);
                }
                else
                {
                    Report(parse, selection, "up to date", 1);
                }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Report(System.CommandLine.ParseResult parse, StoreSelection selection, string outcome, int version)
    {
        if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
        {
            Json.Write(new { store = selection.Describe(), outcome, schemaVersion = version });
        }
        else
        {
            Console.Out.WriteLine($"migrate: {selection.Describe()} — {outcome}, schema version {version}");
        }
    }
}
