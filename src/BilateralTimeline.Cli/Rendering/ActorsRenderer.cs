using BilateralTimeline.Application.Projections;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class ActorsRenderer
{
    public static void Render(ActorsView view)
    {
        var known = view.KnownAt is { } t ? $", as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        var table = new Table { Title = new TableTitle($"Offices {view.Dyad} as of {view.AsOf:yyyy-MM-dd}{known} ({view.Offices.Count} offices)") }
            .Border(TableBorder.Rounded)
            .AddColumn("office")
            .AddColumn("holder")
            .AddColumn("first seen")
            .AddColumn("last seen")
            .AddColumn("tenure end")
            .AddColumn("claims");
        foreach (var office in view.Offices)
        {
            foreach (var h in office.Holders)
            {
                var ended = h.Ended is { } e
                    ? $"[red]{Terminal.Escape(e.When)}[/] [grey]({Terminal.Escape(e.ClaimId)}{(e.Standing == "possibly" ? ", possibly by then" : "")})[/]"
                    : "";
                table.AddRow(
                    new Markup(Terminal.Escape(office.Key)),
                    new Markup(Terminal.Escape(h.Names.Count > 1 ? $"{h.Holder} (as {string.Join(" | ", h.Names)})" : h.Holder)),
                    new Markup(Terminal.Escape(Seen(h.FirstSeen, h.FirstSeenClaim))),
                    new Markup(Terminal.Escape(Seen(h.LastSeen, h.LastSeenClaim))),
                    new Markup(ended),
                    new Markup(Terminal.Escape(string.Join(",", h.ClaimIds))));
            }
        }
        Terminal.Out.Write(table);
        RenderEntities(view);
        if (view.Findings.Count == 0)
        {
            Terminal.Out.MarkupLine("[green]no tenure findings[/]");
            return;
        }
        Terminal.Out.MarkupLine($"[yellow]{view.Findings.Count} finding(s):[/]");
        foreach (var finding in view.Findings)
        {
            Terminal.Out.MarkupLine($"  [yellow]![/] {Terminal.Escape(finding)}");
        }
    }

    private static void RenderEntities(ActorsView view)
    {
        if (view.Entities.Count == 0)
        {
            return;
        }
        var table = new Table { Title = new TableTitle($"People under several names ({view.Entities.Count})") }
            .Border(TableBorder.Rounded)
            .AddColumn("entity")
            .AddColumn("names given")
            .AddColumn("seen as")
            .AddColumn("claims");
        foreach (var e in view.Entities)
        {
            var merged = e.Merged.Count > 0 ? $" [grey](merged: {Terminal.Escape(string.Join(", ", e.Merged))})[/]" : "";
            table.AddRow(
                new Markup($"{Terminal.Escape(e.Name)} [grey]{Terminal.Escape(e.ActorId ?? "by normalisation")}[/]{merged}"),
                new Markup(Terminal.Escape(string.Join(" | ", e.Names))),
                new Markup(Terminal.Escape(string.Join(" | ", e.SeenAs))),
                new Markup(Terminal.Escape(string.Join(",", e.ClaimIds))));
        }
        Terminal.Out.Write(table);
    }

    private static string Seen(string? when, string? claimId) => when is null ? "undated" : $"{when} ({claimId})";
}
