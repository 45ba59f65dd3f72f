using System.CommandLine;
using BilateralTimeline.Application.Features.Verify.CountEventTypes;
using BilateralTimeline.Application.Features.Verify.VerifyLog;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Recompute the SHA-256 hash chain over the whole log. Exit 0 when intact; exit 1 naming the first broken global position otherwise.");
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var progress = new Progress<long>(n =>
            {
                if (!Console.IsErrorRedirected && n > 0)
                {
                    Console.Error.Write($"\rverified {n:N0} events…");
                }
            });
            var result = await host.Mediator.Send(new VerifyLog(progress), ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r                                        \r");
            }
            var inventory = await CountTypesAsync(host, ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(EventTypeCountsRenderer.WithCounts(result, inventory));
            }
            else
            {
                Console.Out.WriteLine(Line(result));
                foreach (var line in inventory is null ? [] : EventTypeCountsRenderer.Lines(inventory))
                {
                    Console.Out.WriteLine(line);
                }
            }
            return result.IsIntact ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }

    /// <summary>Null when the log cannot even be read to the end: the chain line already says where.</summary>
    private static async Task<EventTypeInventory?> CountTypesAsync(CliHost host, CancellationToken cancellationToken)
    {
        try
        {
            return await host.Mediator.Send(new CountEventTypes(), cancellationToken);
        }
        catch (EventStoreException)
        {
            return null;
        }
    }

    public static string Line(ChainVerification result) => result.IsIntact
        ? $"verify: OK — {result.EventsChecked:N0} events, hash chain intact up to position {result.LastPosition}, digest {result.Digest}"
        : $"verify: BROKEN at position {result.FirstBrokenPosition} — {result.Problem} ({result.EventsChecked:N0} events before it verified)";
}
