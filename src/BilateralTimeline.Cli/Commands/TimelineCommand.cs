using System.CommandLine;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class TimelineCommand
{
    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("timeline", """
            Occurrences in time order with their claims, grades and the event positions behind them.
            Uncertain dates are intervals; an occurrence whose interval straddles --as-of is shown as
            "possibly by then", never dropped. Example: bt timeline --as-of 2024-01-31 --format json
            """);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var view = await host.Mediator.Send(new GetTimeline(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(view);
            }
            else
            {
                TimelineRenderer.Render(view);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
