using System.Globalization;
using BilateralTimeline.Application.Projections;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class StateRenderer
{
    public static void Render(RelationshipStateView state)
    {
        var known = state.KnownAt is { } t ? $", as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        var score = state.Score is { } s ? s.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";
        Terminal.Out.Write(new Rule($"[bold]Relationship {state.Dyad} as of {state.AsOf:yyyy-MM-dd}{known}[/]").LeftJustified());
        Terminal.Out.MarkupLine($"score [bold]{score}[/] on the Goldstein scale (−10 conflict … +10 cooperation): [bold]{Terminal.Escape(state.Band)}[/]   claims considered {state.ClaimsConsidered}, retracted {state.ClaimsRetracted}");

        var moved = new Table().Border(TableBorder.Simple).AddColumn("moved by").AddColumn("kind (CAMEO)").AddColumn(new TableColumn("goldstein").RightAligned()).AddColumn(new TableColumn("weight").RightAligned()).AddColumn(new TableColumn("share").RightAligned()).AddColumn("claims");
        foreach (var c in state.MovedBy)
        {
            moved.AddRow(
                Terminal.Escape(c.Title) + (c.Standing == "possibly" ? " [yellow](possibly)[/]" : ""),
                Terminal.Escape($"{c.Kind} ({c.Cameo})"),
                c.Goldstein.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),
                c.Weight.ToString("0.000", CultureInfo.InvariantCulture),
                c.Share.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture),
                Terminal.Escape(string.Join(", ", c.ClaimIds)));
        }
        Terminal.Out.Write(moved);
        if (state.MovedBy.Count < state.MovedByCount)
        {
            Terminal.Out.MarkupLine($"[grey]{state.MovedBy.Count} of {state.MovedByCount} movers, largest absolute share first[/]");
        }
        if (state.Next is { } next)
        {
            Terminal.Out.WriteLine($"more movers follow: add --cursor {next}");
        }

        var status = new Table().Border(TableBorder.Simple).AddColumn("in force / open").AddColumn("status").AddColumn("since").AddColumn("claims");
        foreach (var line in state.InForce)
        {
            status.AddRow(
                Terminal.Escape(line.Subject),
                (line.Crisis ? "[red]" : "[green]") + Terminal.Escape(line.Status) + "[/]" + (line.Possibly ? " [yellow](possibly)[/]" : ""),
                Terminal.Escape(line.Since),
                Terminal.Escape(string.Join(", ", line.ClaimIds)));
        }
        Terminal.Out.Write(status);
        Terminal.Out.MarkupLine($"open crises: {(state.OpenCrises.Count == 0 ? "none" : Terminal.Escape(string.Join("; ", state.OpenCrises.Select(c => $"{c.Subject} {c.Status}"))))}");
        Terminal.Out.MarkupLine(state.LastHighLevelContact is { } contact
            ? $"last high-level contact: {Terminal.Escape(contact.Title)} ({Terminal.Escape(contact.When)}{(contact.Possibly ? ", possibly" : "")}) — {Terminal.Escape(string.Join(", ", contact.Actors))} [grey][[{Terminal.Escape(string.Join(", ", contact.ClaimIds))}]][/]"
            : "last high-level contact: none recorded by then");
    }
}
