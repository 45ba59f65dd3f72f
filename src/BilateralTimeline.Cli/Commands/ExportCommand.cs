using System.CommandLine;
using BilateralTimeline.Application.Features.Export.ExportLedger;

namespace BilateralTimeline.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        // Shadows the global table|json --format: an export's formats are interchange formats.
        var format = new Option<string>("--format")
        {
            Description = $"The interchange format: {ExportFormats.Choices}",
            HelpName = "csv|jsonl|stix|prov-json|prov-ttl",
            Required = true,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file (replaced whole only when the export succeeds). Default: standard output",
            HelpName = "FILE",
        };
        var command = new Command("export", """
            The claims that bt timeline shows at --as-of, as known at --known-at, for other tools:
            csv (RFC 4180, one row per claim, ACLED/GDELT-like columns), jsonl (one JSON object per
            claim per line), stix (a STIX 2.1 bundle), prov-json or prov-ttl (W3C PROV as PROV-JSON or
            PROV-O Turtle: claims, quotes, sources, recordings and corrections with their agents).
            Columns and mappings: docs/export.md. (The table|json --format listed below among the
            options every command takes does not apply here: this command's --format is the one above.)
            Example: bt export --format csv --as-of 2024-06-01 --out claims.csv
            """);
        command.Options.Add(format);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.Options.Add(output);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var chosen = ExportFormats.Parse(parse.GetValue(format), "--format");
            var export = await host.Mediator.Send(new ExportLedger(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(output) is { Length: > 0 } file)
            {
                await WriteFileAsync(export, chosen, file, ct);
            }
            else
            {
                // The raw stream, not Console.Out: bytes exactly as written, no encoder in between.
                await using var stdout = Console.OpenStandardOutput();
                await ExportFormats.WriteAsync(export, chosen, stdout, ct);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task WriteFileAsync(LedgerExport export, ExportFormat format, string file, CancellationToken ct)
    {
        var partial = file + ".partial";
        try
        {
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
            {
                await ExportFormats.WriteAsync(export, format, stream, ct);
            }
            File.Move(partial, file, overwrite: true);
        }
        catch
        {
            // Half an export looks like a whole one to the next tool: leave nothing behind.
            File.Delete(partial);
            throw;
        }
    }
}
