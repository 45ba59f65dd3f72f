using System.CommandLine;
using BilateralTimeline.Application.Features.Contradictions.ListContradictions;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class ContradictionsCommand
{
    public static Command Create()
    {
        var knownAt = CliOptions.KnownAt();
        var open = new Option<bool>("--open") { Description = "Only the disagreements not yet resolved" };
        var command = new Command("contradictions", """
            Disagreements between claims (bt dispute, or "contradicts" in an import): the two claims with
            their sources, the field they disagree on, and whether it is open or resolved, with the
            resolution and the event positions that opened and closed it.
            Example: bt contradictions --known-at 2024-03-01 --open
            """);
        command.Options.Add(knownAt);
        command.Options.Add(open);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var view = await host.Mediator.Send(new ListContradictions(parse.GetValue(CliOptions.Dyad), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at"), parse.GetValue(open)), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(view);
            }
            else
            {
                ContradictionsRenderer.Render(view);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
