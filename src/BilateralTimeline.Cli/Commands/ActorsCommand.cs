using System.CommandLine;
using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class ActorsCommand
{
    public static Command Create()
    {
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("actors", """
            Offices and the people seen holding them, with the first and last claim naming each, the claim
            that ended a tenure (an effect "office:CC-slug" → "vacated", e.g. a fatal crash) and findings for
            claims that name someone in an office after their tenure ended. Every line carries its claim ids.
            A holder is an entity, not a spelling: spellings equal after normalisation (case, hyphens, spaces,
            Arabic letter variants) are one person, and the actor events (identify, alias, merge, unmerge)
            decide over that. The entities with more than one name are listed with their names.
            Example: bt actors --as-of 2024-08-01 --format json
            """);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        foreach (var registry in ActorRegistryCommands.Create())
        {
            command.Subcommands.Add(registry);
        }
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var view = await host.Mediator.Send(new ListActors(parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(view);
            }
            else
            {
                ActorsRenderer.Render(view);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
