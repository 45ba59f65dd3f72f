using System.CommandLine;
using BilateralTimeline.Application.Features.Events.ListEvents;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

internal static class EventsCommand
{
    public static Command Create()
    {
        var from = new Option<long>("--from")
        {
            // 0 is "the start" on every store; EventStoreDB's positions do not start at 1.
            Description = "Show events from this global position on; a position where no event is means the first event after it. Default: the first event",
            DefaultValueFactory = _ => 0,
            HelpName = "POS",
        };
        var max = new Option<long>("--max") { Description = "At most this many events", DefaultValueFactory = _ => 1000, HelpName = "N" };
        var command = new Command("events", "The raw log in global order: position, stream and revision, wire type, id, recorded time and author, hash. With --format json: a JSON array, one object per event, data included.");
        command.Options.Add(from);
        command.Options.Add(max);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            var events = await host.Mediator.Send(new ListEvents(parse.GetValue(from), parse.GetValue(max)), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(events);
            }
            else
            {
                EventsRenderer.Render(events);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
