using System.CommandLine;
using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class SourcesCommand
{
    public static Command Create()
    {
        var command = new Command("sources", "The source audit: each source with its hash check, the claims taken from it and their fate (standing, revised, contradicted, retracted).");
        var knownAt = CliOptions.KnownAt();
        command.Options.Add(knownAt);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var audit = await host.Mediator.Send(new ListSources(parse.GetValue(CliOptions.Dyad), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(audit);
            }
            else
            {
                SourcesRenderer.Render(audit);
            }
            return audit.Sources.All(s => s.TextMatchesHash) ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
