using System.CommandLine;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class StateCommand
{
    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("state", """
            The relationship at a date: a cooperation–conflict score on the Goldstein scale (−10 … +10)
            with its band, what is in force or open (embassies, agreements), open crises and the last
            high-level contact, each with the claim ids that moved it.
            The score weighs every occurrence; the answer lists the top movers (largest absolute share
            first), --limit at a time (default 20), and names the --cursor of the next ones.
            Example: bt state --as-of 2023-02-01
                     bt state --as-of 2023-02-01 --limit 50 --cursor <the next of the previous answer>
            A sensitivity replay answers as if the ledger had never held some claims:
            bt state --as-of 2023-02-01 --without-source src-002-joint-exercise --min-reliability C
            """);
        var limit = new Option<int>("--limit") { Description = "At most this many movers (largest absolute share first); the answer then names the --cursor of the rest", DefaultValueFactory = _ => GetRelationshipState.DefaultLimit, HelpName = "N" };
        var cursor = new Option<string?>("--cursor") { Description = "Continue the movers where an earlier answer stopped (its next cursor; same --as-of and --known-at)", HelpName = "CURSOR" };
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.Options.Add(limit);
        command.Options.Add(cursor);
        var replay = new ReplayFilterOptions();
        replay.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var state = await host.Mediator.Send(new GetRelationshipState(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at"), replay.Read(parse), parse.GetValue(limit), parse.GetValue(cursor)), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(state);
            }
            else
            {
                ReplayFilterOptions.Announce(replay.Read(parse));
                StateRenderer.Render(state);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
