using BilateralTimeline.Application.Features.Sources.ListSources;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class SourcesRenderer
{
    public static void Render(SourceAuditView audit)
    {
        foreach (var s in audit.Sources)
        {
            Terminal.Out.Write(new Rule($"[bold]{Terminal.Escape(s.SourceId)}[/] {Terminal.Escape(s.Outlet)}").LeftJustified());
            Terminal.Out.MarkupLine($"{Terminal.Escape(s.Title)}  [grey]({Terminal.Escape(s.Language)}, published {Terminal.Escape(s.Published)}, {s.TextLength} chars, event #{s.Position})[/]");
            Terminal.Out.MarkupLine($"sha256 {s.Sha256} {(s.TextMatchesHash ? "[green]ok[/]" : "[red]MISMATCH[/]")}");
            var table = new Table().Border(TableBorder.Simple).AddColumn("claim").AddColumn("kind/modality").AddColumn("grade").AddColumn("fate").AddColumn("summary");
            foreach (var c in s.Claims)
            {
                table.AddRow(Terminal.Escape(c.ClaimId), Terminal.Escape($"{c.Kind}/{c.Modality}"), c.Grade, Terminal.Escape(c.Fate), Terminal.Escape(c.Summary));
            }
            Terminal.Out.Write(table);
        }
        if (audit.Sources.Count == 0)
        {
            Terminal.Out.MarkupLine($"no sources recorded for {Terminal.Escape(audit.Dyad)}");
        }
    }
}
