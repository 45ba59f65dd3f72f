using System.CommandLine;
using BilateralTimeline.Application.Features.Projections.RebuildProjection;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt rebuild: a new version of a checkpointed projection beside the live one, swapped in when caught up.</summary>
internal static class RebuildCommand
{
    public static Command Create()
    {
        var projection = new Argument<string>("PROJECTION") { Description = "The projection to rebuild: state" };
        var command = new Command("rebuild", """
            Rebuild a checkpointed projection from the first event into a new version while the live one
            keeps serving (a running bt serve keeps updating it), swap the new version in once it has caught
            up, and print what differs between the two. Safe to run while bt serve is writing.
            Example: bt rebuild state
            """);
        command.Arguments.Add(projection);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            await using var serving = ServingStores.For(host.Store);
            var report = await serving.Mediator(host.Store).Send(new RebuildProjection(parse.GetValue(projection)!), ct);
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
        }));
        return command;
    }
}
