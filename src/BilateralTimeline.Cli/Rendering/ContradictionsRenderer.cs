using BilateralTimeline.Application.Projections;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class ContradictionsRenderer
{
    public static void Render(ContradictionsView view)
    {
        var known = view.KnownAt is { } t ? $" as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        Terminal.Out.Write(new Rule($"[bold]Contradictions in {Terminal.Escape(view.Dyad)}{known}[/]").LeftJustified());
        Terminal.Out.MarkupLine($"open {view.Open}, resolved {view.Resolved}");
        if (view.Items.Count == 0)
        {
            Terminal.Out.MarkupLine("no disagreements between claims are recorded");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("status").AddColumn("field").AddColumn("claim").AddColumn("other claim").AddColumn("why").AddColumn("opened").AddColumn("resolved");
        foreach (var line in view.Items)
        {
            table.AddRow(
                line.Status == ContradictionsProjection.OpenStatus ? "[red]open[/]" : "[green]resolved[/]",
                Terminal.Escape(line.Detail is null ? line.Field : $"{line.Field} ({line.Detail})"),
                Side(line.Claim),
                Side(line.Other),
                Terminal.Escape(line.Reason),
                Terminal.Escape($"#{line.Opened.Position} {line.Opened.Recorded:yyyy-MM-dd} {line.Opened.RecordedBy}"),
                line.Resolved is { } r ? Terminal.Escape($"#{r.Event.Position} {r.Event.Recorded:yyyy-MM-dd}: {r.Resolution} ({r.Reason})") : "");
        }
        Terminal.Out.Write(table);
    }

    private static string Side(ContradictionSide side) =>
        $"[bold]{Terminal.Escape(side.ClaimId)}[/] {Terminal.Escape(side.Grade)} {Terminal.Escape(side.Summary)} [grey]({Terminal.Escape(side.SourceId)})[/]";
}
