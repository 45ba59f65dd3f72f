using System.CommandLine;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Cli.Rendering;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class DemoCommand
{
    /// <summary>Dates that show the relationship before and after its turning points in the sample articles.</summary>
    private static readonly DateOnly[] EarlierDates = [new(2023, 2, 1), new(2024, 2, 1)];

    public static Command Create()
    {
        var samples = new Option<string?>("--samples") { Description = "Folder of *.claims.json files to import. Default: the bundled samples/iran-azerbaijan", HelpName = "DIR" };
        var command = new Command("demo", """
            Create a fresh embedded store, import the sample articles (Iran–Azerbaijan, in Arabic) with a
            progress bar, print the timeline and the relationship state now and at two earlier dates, and
            finish with a hash-chain verify line. Without --db it uses its own demo.db (recreated each run);
            with --db the samples are imported idempotently into that store.
            """);
        command.Options.Add(samples);
        command.SetAction(async (parse, ct) =>
        {
            var databasePath = parse.GetValue(CliOptions.Database) is { Length: > 0 } given ? given : Path.Combine(CliOptions.DataFolder, "demo.db");
            if (parse.GetValue(CliOptions.Database) is not { Length: > 0 })
            {
                // File.Delete throws when the folder is missing, as it is before the first run.
                foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(s => File.Exists(databasePath + s)))
                {
                    File.Delete(databasePath + suffix);
                }
            }
            var folder = parse.GetValue(samples) ?? FindSamples();
            if (folder is null || !Directory.Exists(folder))
            {
                CommandRunner.Error($"sample folder not found ({folder ?? "samples/iran-azerbaijan"}); pass --samples DIR");
                return ExitCodes.BadInput;
            }
            var files = Directory.GetFiles(folder, "*.claims.json").Order(StringComparer.Ordinal).ToList();
            return await CommandRunner.Guarded(async () =>
            {
                await using var host = await CliHost.OpenAsync(new StoreSelection(StoreKind.Sqlite, databasePath), ct);
                Console.Error.WriteLine($"store: {databasePath}");
                var (_, failed) = await ImportCommand.Run(host.Mediator, files, "demo", ct);
                if (failed)
                {
                    return ExitCodes.BadInput;
                }
                var dyad = parse.GetValue(CliOptions.Dyad);
                TimelineRenderer.Render(await host.Mediator.Send(new GetTimeline(dyad, null, null), ct));
                Terminal.Out.WriteLine();
                StateRenderer.Render(await host.Mediator.Send(new GetRelationshipState(dyad, null, null), ct));
                foreach (var date in EarlierDates)
                {
                    Terminal.Out.WriteLine();
                    StateRenderer.Render(await host.Mediator.Send(new GetRelationshipState(dyad, date, null), ct));
                }
                Terminal.Out.WriteLine();
                var verification = await host.Mediator.Send(new VerifyLog(), ct);
                Terminal.Out.MarkupLine(Markup.Escape(VerifyCommand.Line(verification)));
                Terminal.Out.MarkupLine($"[grey]next: bt --db {Markup.Escape(databasePath)} trace CLAIM-ID   (claim ids: bt --db {Markup.Escape(databasePath)} sources)[/]");
                return verification.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
            });
        });
        return command;
    }

    private static string? FindSamples()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "iran-azerbaijan");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
