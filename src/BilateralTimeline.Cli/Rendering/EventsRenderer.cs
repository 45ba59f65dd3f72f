using BilateralTimeline.Application.Features.Events.ListEvents;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class EventsRenderer
{
    public static void Render(IReadOnlyList<EventLine> events)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("position").AddColumn("stream@rev").AddColumn("type").AddColumn("event id").AddColumn("recorded").AddColumn("by").AddColumn("hash");
        foreach (var e in events)
        {
            table.AddRow($"#{e.Position}", Terminal.Escape($"{e.Stream}@{e.Revision}"), Terminal.Escape(e.Type), e.EventId.ToString(), $"{e.Recorded:yyyy-MM-dd HH:mm:ss.ffffff}Z", Terminal.Escape(e.RecordedBy), e.Hash[..16] + "…");
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"{events.Count} event(s)");
    }
}
