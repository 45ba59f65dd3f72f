using System.CommandLine;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class ExplainCommand
{
    public static Command Create()
    {
        var occurrenceId = new Argument<string>("OCCURRENCE-ID") { Description = "The occurrence to explain, e.g. occ-embassy-attack (bt timeline lists them)" };
        var asOf = CliOptions.AsOf();
        var knownAt = CliOptions.KnownAt();
        var command = new Command("explain", """
            How an occurrence's confidence and its effect on the relationship score were computed: its
            time, its claims with grades and fates, each step of the confidence rule (independent origins,
            contradictions, retractions) with claim ids, and its share of the score at --as-of, or why
            it does not count. Example: bt explain occ-embassy-attack --as-of 2023-02-01
            """);
        command.Arguments.Add(occurrenceId);
        command.Options.Add(asOf);
        command.Options.Add(knownAt);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var explanation = await host.Mediator.Send(new ExplainOccurrence(
                parse.GetValue(occurrenceId)!, parse.GetValue(CliOptions.Dyad), CliOptions.ParseDate(parse.GetValue(asOf), "--as-of"), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(explanation);
            }
            else
            {
                ExplainRenderer.Render(explanation);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
