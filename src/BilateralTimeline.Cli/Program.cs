using System.CommandLine;
using System.Text;
using BilateralTimeline.Cli;
using BilateralTimeline.Cli.Commands;

Console.OutputEncoding = Encoding.UTF8;

var root = new RootCommand("""
    bt — an immutable, auditable ledger of news claims about the relationship between two countries.

    Every claim is an event with its source, exact quote, attribution, uncertain time and confidence;
    corrections are new events; timeline and state are rebuilt from the log at any date.

    Start here:
      bt demo                                  import the sample articles and show what they yield
      bt import samples/iran-azerbaijan/*.json record whole articles (atomic, idempotent)
      bt draft ARTICLE.txt --out draft.json    draft an import file from an article (proposals to review)
      bt state --as-of 2023-02-01              the relationship at a date, and which claims moved it
      bt trace c000-01                         a claim back to its events, source and Arabic quote
      bt explain OCCURRENCE-ID                 how an occurrence's confidence and share of the score arise
      bt contradictions / bt actors            disagreements between claims; offices and tenures
      bt diff --known-at T1 --known-at T2      what changed in our understanding between two times
      bt retract c000-36 --reason "..."        corrections are new events: retract, supersede, revise, redate, …
      bt verify                                recompute the hash chain
      bt copy --from sqlite:a.db --to postgres:…  move a whole history between stores, hashes and all

    Stores: --store sqlite (default, a file: --db PATH) or --store postgres --connection "Host=…;Database=…"
    (or $BT_STORE, $BT_CONNECTION, $BT_DB); every command works on either.

    Exit codes: 0 ok, 1 failure, 2 bad input, 3 conflict (somebody wrote first; retry).
    """);
root.Options.Add(CliOptions.Store);
root.Options.Add(CliOptions.Connection);
root.Options.Add(CliOptions.Projections);
root.Options.Add(CliOptions.Database);
root.Options.Add(CliOptions.Format);
root.Options.Add(CliOptions.Dyad);
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(TimelineCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(StateCommand.Create());
root.Subcommands.Add(TraceCommand.Create());
root.Subcommands.Add(SourcesCommand.Create());
root.Subcommands.Add(ContradictionsCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(EventsCommand.Create());
foreach (var correction in CorrectionCommands.Create())
{
    root.Subcommands.Add(correction);
}
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(SensitivityCommand.Create());
root.Subcommands.Add(DatesCommand.Create());
root.Subcommands.Add(KindsCommand.Create());
root.Subcommands.Add(DraftCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ActorsCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(CopyCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(KeysCommand.Create());
root.Subcommands.Add(RebuildCommand.Create());
root.Subcommands.Add(SearchCommand.Create());

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    foreach (var error in parse.Errors)
    {
        CommandRunner.Error(error.Message);
    }
    Console.Error.WriteLine("Run `bt --help` or `bt COMMAND --help` for usage.");
    return ExitCodes.BadInput;
}
CliHints.Options = [.. parse.CommandResult.Command.Options, .. root.Options];
return await parse.InvokeAsync();
