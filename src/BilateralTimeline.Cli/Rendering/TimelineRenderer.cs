using BilateralTimeline.Application.Projections;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class TimelineRenderer
{
    public static void Render(TimelineView view)
    {
        var known = view.KnownAt is { } t ? $", as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        var table = new Table { Title = new TableTitle($"Timeline {view.Dyad} as of {view.AsOf:yyyy-MM-dd}{known} ({view.Items.Count} entries)") }
            .Border(TableBorder.Rounded)
            .AddColumn("when")
            .AddColumn("standing")
            .AddColumn("what")
            .AddColumn("claims (grade, source)")
            .AddColumn("events");
        foreach (var item in view.Items)
        {
            var flags = new List<string>();
            if (item.Contested)
            {
                flags.Add("[yellow]contested[/]");
            }
            if (item.Retracted)
            {
                flags.Add("[red]retracted[/]");
            }
            // The readings the occurrence's time set aside and clashing clock times stay visible here; `bt explain` says why.
            if (item.Findings.Count(f => f.Contains(", set aside: ", StringComparison.Ordinal)) is > 0 and var setAside)
            {
                flags.Add($"[grey]{setAside} reading(s) set aside[/]");
            }
            if (item.Findings.Any(f => f.StartsWith("time contradiction:", StringComparison.Ordinal)))
            {
                flags.Add("[red]time contradiction[/]");
            }
            var what = Terminal.Escape(item.Title) + (flags.Count > 0 ? " " + string.Join(" ", flags) : "");
            var claims = string.Join("\n", item.Claims.Select(c =>
                $"{Terminal.Escape(c.ClaimId)} {Terminal.Escape(c.Kind)}/{Terminal.Escape(c.Modality)} {c.Grade}{(c.Retracted ? " [red]retracted[/]" : "")}{(c.SupersededBy is { } newer ? $" [grey]superseded by {Terminal.Escape(newer)}[/]" : "")}"));
            var standing = item.Standing switch
            {
                "possibly" => "[yellow]possibly by then[/]",
                "undated" => "[grey]undated[/]",
                _ => "occurred",
            };
            table.AddRow(
                new Markup(Terminal.Escape(item.When) + $"\n[grey]{Terminal.Escape(item.Precision)}[/]"),
                new Markup(standing),
                new Markup(what),
                new Markup(claims),
                new Markup(Terminal.Escape(string.Join(",", item.EventPositions.Select(p => $"#{p}")))));
        }
        Terminal.Out.Write(table);
        if (view.Next is { } next)
        {
            Terminal.Out.WriteLine($"more entries follow: add --cursor {next}");
        }
    }
}
