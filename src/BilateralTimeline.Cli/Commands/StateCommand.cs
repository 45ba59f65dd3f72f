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
            Example: bt state --as-of 2023-02-01
            A sensitivity replay answers as if the ledger had never held some claims:
            bt state --as-of 2023-02-01 --without-source src-002-joint-exercise --min-reliability C
            """);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        var replay = new ReplayFilterOptions();
        replay.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var state = await host.Mediator.Send(new GetRelationshipState(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at"), replay.Read(parse)), ct);
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
