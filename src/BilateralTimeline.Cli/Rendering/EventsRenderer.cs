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
            table.AddRow($"#{e.Position}", Terminal.Escape($"{e.Stream}@{e.Revision}"), Terminal.Escape(e.Readable ? e.Type : $"{e.Type} (unknown type: skipped by queries)"), e.EventId.ToString(), $"{e.Recorded:yyyy-MM-dd HH:mm:ss.ffffff}Z", Terminal.Escape(e.RecordedBy), e.Hash[..16] + "…");
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"{events.Count} event(s)");
        var unreadable = events.Count(e => !e.Readable);
        if (unreadable > 0)
        {
            Terminal.Out.MarkupLine(Terminal.Escape($"{unreadable} of them of a type this build does not know (written by a newer version?): queries skip them, their revisions still count"));
        }
    }
}
