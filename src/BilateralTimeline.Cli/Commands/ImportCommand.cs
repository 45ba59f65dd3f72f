using System.CommandLine;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Cli.Rendering;
using MediatR;
using Spectre.Console;

namespace BilateralTimeline.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Import files (JSON, see docs/import.schema.json)", Arity = ArgumentArity.OneOrMore };
        var expectedRevision = new Option<long?>("--expected-revision") { Description = "Refuse (exit 3) unless the dyad's ledger is still at this revision (one FILE only)", HelpName = "N" };
        var acceptProposed = new Option<bool>("--accept-proposed") { Description = "Record every drafted proposal (\"proposed\": true, from bt draft) as it stands, without review; each such claim event's metadata (\"draft\": accepted unreviewed, with the cue) and note say so, and bt trace shows it" };
        var by = new Option<string?>("--by") { Description = "Who is recording (kept in every event's metadata). Default: $BT_USER, else cli:<login>", HelpName = "NAME" };
        var command = new Command("import", """
            Record whole articles: sources with their full text, occurrences, claims with quotes at exact
            offsets, relations and corrections. Each file is atomic (all of it or nothing) and idempotent
            (importing it again adds nothing). Every quote is checked against its source text; every
            problem is reported with its field path, e.g. claims[3].confidence.credibility.
            Others may write to the dyad meanwhile: the file is then decided again on the newer ledger,
            unless --expected-revision N asks to refuse (exit 3) if the ledger has moved.
            A quote may be given by its words alone ("text", and "nth" when it occurs more than once):
            the import finds its offsets. Claims drafted by bt draft carry "proposed": true and are
            refused until the analyst removes the flag, or passes --accept-proposed for the whole file.
            Example: bt import samples/iran-azerbaijan/*.claims.json
            """);
        command.Arguments.Add(files);
        command.Options.Add(by);
        command.Options.Add(expectedRevision);
        command.Options.Add(acceptProposed);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var paths = parse.GetValue(files)!;
            var revision = parse.GetValue(expectedRevision);
            if (revision is not null && paths.Length != 1)
            {
                // Each file is its own append, so after the first one the ledger is never where the caller saw it.
                throw new InputRejectedException("--expected-revision", $"applies to one file; {paths.Length} were given");
            }
            var (results, failed) = await Run(host.Mediator, paths, CliOptions.RecordedBy(parse.GetValue(by)), ct, revision, parse.GetValue(acceptProposed));
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(results);
            }
            return failed ? ExitCodes.BadInput : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Imports each file on its own (one bad file does not stop the others), with a progress bar. Each
    /// file's outcome is printed as soon as it is known, so when the store fails midway the user sees
    /// what landed; the failure then names the file in flight and how many landed before it.
    /// </summary>
    public static async Task<(List<ImportResult> Results, bool Failed)> Run(IMediator mediator, IReadOnlyList<string> paths, string recordedBy, CancellationToken ct, long? expectedRevision = null, bool acceptProposed = false)
    {
        var results = new List<ImportResult>();
        var refused = 0;
        async Task ImportAll(ProgressTask? bar)
        {
            // A file is read, checked and mapped while the one before it is decided and written (the two
            // use different cores); it is written only once the one before it has landed or been refused,
            // so files land in the order given, and none after a store failure.
            var outcomes = new TaskCompletionSource<bool>[paths.Count];
            Task<ImportResult> Start(int index) => Task.Run(async () =>
            {
                var request = ImportDocumentReader.Read(paths[index], recordedBy);
                var before = index == 0 ? null : outcomes[index - 1].Task;
                if (before is not null && request.ChecksAgainstTheLedger() && !await before)
                {
                    throw new OperationCanceledException($"{paths[index]} was not tried: the import before it stopped");
                }
                return await mediator.Send(request with { ExpectedRevision = expectedRevision, AcceptProposed = acceptProposed, After = before }, ct);
            }, ct);
            for (var i = 0; i < paths.Count; i++)
            {
                outcomes[i] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var next = paths.Count > 0 ? Start(0) : null;
            for (var i = 0; i < paths.Count; i++)
            {
                var path = paths[i];
                var sending = next!;
                // At most two files in flight: this one being written, the next one being read and checked.
                next = i + 1 < paths.Count ? Start(i + 1) : null;
                bar?.Description = $"importing {Path.GetFileName(path)}";
                try
                {
                    var result = await sending;
                    results.Add(result);
                    Report(bar, Landed(path, result));
                    outcomes[i].SetResult(true);
                }
                catch (InputRejectedException e)
                {
                    refused++;
                    Report(bar, $"error: {path}: {e.Summary}; nothing was stored from this file");
                    foreach (var error in e.Errors)
                    {
                        Report(bar, $"  {CliHints.Line(error)}");
                    }
                    outcomes[i].SetResult(true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcomes[i].SetResult(false);
                    throw new CommandInterruptedException(
                        $"import stopped at {path}, which was in flight: it may or may not have been stored (importing it again is safe). "
                        + $"{results.Count} of {paths.Count} file(s) landed before it{(refused > 0 ? $", {refused} were refused" : "")}; the files after it were not tried",
                        e);
                }
                catch
                {
                    outcomes[i].SetResult(false);
                    throw;
                }
                bar?.Increment(1);
            }
            bar?.Description = $"imported {results.Count} of {paths.Count} file(s)";
        }

        if (ProgressConsole.Visible)
        {
            await ProgressConsole.Bar().StartAsync(progress => ImportAll(progress.AddTask($"importing {paths.Count} file(s)", maxValue: paths.Count)));
        }
        else
        {
            await ImportAll(null);
        }
        return (results, refused > 0);
    }

    private static string Landed(string path, ImportResult result) => result.EventsAppended == 0
        ? $"{path}: already recorded, nothing added ({result.Dyad} at revision {result.StreamRevision})"
        : $"{path}: {result.EventsAppended} events appended to {result.Dyad} ({result.Sources} sources, {result.Occurrences} occurrences, {result.Claims} claims; last position {result.LastGlobalPosition}){(result.AcceptedProposals > 0 ? $"; {result.AcceptedProposals} drafted proposal(s) accepted unreviewed (--accept-proposed), recorded in each claim event's metadata (\"draft\") and note" : "")}";

    /// <summary>Above the bar while it is drawn (Spectre keeps it below), else a plain line on stderr.</summary>
    private static void Report(ProgressTask? bar, string line)
    {
        if (bar is null)
        {
            Console.Error.WriteLine(line);
        }
        else
        {
            ProgressConsole.Error.WriteLine(line);
        }
    }
}
