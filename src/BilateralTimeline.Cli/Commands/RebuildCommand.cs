using System.CommandLine;
using BilateralTimeline.Application.Features.Projections.RebuildDeciderIndex;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt rebuild: a new version of a checkpointed projection beside the live one, swapped in when caught up.</summary>
internal static class RebuildCommand
{
    public static Command Create()
    {
        var projection = new Argument<string>("PROJECTION") { Description = "The projection to rebuild: state, or decider (the decider index of --dyad, default the most recent dyad)" };
        var command = new Command("rebuild", """
            Rebuild a checkpointed projection from the first event into a new version while the live one
            keeps serving (a running bt serve keeps updating it), swap the new version in once it has caught
            up, and print what differs between the two. Safe to run while bt serve is writing.
            `bt rebuild decider` builds one dyad's decider index (the rows a write reads instead of
            folding the dyad's history) from its first event, replacing the old one; writers keep it
            current afterwards. On eventstoredb it needs --projections.
            Example: bt rebuild state
            Example: bt rebuild decider --dyad AZE-IRN
            """);
        command.Arguments.Add(projection);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            if (parse.GetValue(projection) == "decider")
            {
                var index = await host.Mediator.Send(new RebuildDeciderIndex(parse.GetValue(CliOptions.Dyad)), ct);
                if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
                {
                    Json.Write(index);
                }
                else
                {
                    Console.Out.WriteLine($"rebuild decider: {index.Dyad}'s index reflects revision {index.Revision}, {index.Rows} row(s)");
                }
                return ExitCodes.Ok;
            }
            var report = await host.Mediator.Send(new RebuildProjection(parse.GetValue(projection)!), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(report);
                return ExitCodes.Ok;
            }
            Console.Out.WriteLine($"rebuild {report.Projection}: v{report.NewVersion} is live (was {(report.OldVersion is { } o ? $"v{o}" : "none")}), {report.Rows} row(s) at position {report.Position}");
            if (report.Added.Count + report.Removed.Count + report.Changed.Count == 0)
            {
                Console.Out.WriteLine("diff: no row differs from the previous version");
            }
            foreach (var key in report.Added)
            {
                Console.Out.WriteLine($"+ {key}");
            }
            foreach (var key in report.Removed)
            {
                Console.Out.WriteLine($"- {key}");
            }
            foreach (var change in report.Changed)
            {
                Console.Out.WriteLine($"~ {change.Key}: {string.Join(", ", change.Fields)}");
            }
            return ExitCodes.Ok;
        }, StoreNeeds.ReadModels));
        return command;
    }
}
