using System.CommandLine;
using BilateralTimeline.Cli.Rendering;

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
            var migration = await selection.Adapter.MigrateAsync(selection.Address, ct);
            Report(parse, selection, migration.Outcome, migration.VersionAfter);
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
