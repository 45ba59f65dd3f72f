using System.CommandLine;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class TraceCommand
{
    public static Command Create()
    {
        var claimId = new Argument<string>("CLAIM-ID") { Description = "The claim to trace, e.g. c000-01 (bt sources lists them)" };
        var command = new Command("trace", """
            Walk a claim back to what supports it: the events that recorded and changed it (positions,
            ids, who, when), its source (with the SHA-256 of the stored text re-checked) and each quote
            shown in its Arabic context, with whether the words are still at their offsets.
            """);
        var knownAt = CliOptions.KnownAt();
        command.Arguments.Add(claimId);
        command.Options.Add(knownAt);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var trace = await host.Mediator.Send(new TraceClaim(parse.GetValue(claimId)!, parse.GetValue(CliOptions.Dyad), CliOptions.ParseInstant(parse.GetValue(knownAt), "--known-at")), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(trace);
            }
            else
            {
                TraceRenderer.Render(trace);
            }
            return trace.Source.HashMatches && trace.Quotes.All(q => q.MatchesSource) ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
