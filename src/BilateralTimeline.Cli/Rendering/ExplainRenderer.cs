using System.Globalization;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Serialization;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class ExplainRenderer
{
    public static void Render(OccurrenceExplanation e)
    {
        var known = e.KnownAt is { } t ? $", as known at {t:yyyy-MM-dd HH:mm}Z" : "";
        Terminal.Out.Write(new Rule($"[bold]{Terminal.Escape(e.OccurrenceId)}[/]: {Terminal.Escape(e.Title)} ({Terminal.Escape(e.Dyad)} as of {e.AsOf:yyyy-MM-dd}{known})").LeftJustified());
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("when", Terminal.Escape($"{e.When} — {e.Standing} by {e.AsOf:yyyy-MM-dd}{(e.Time.Phrase is { } p ? $"   «{p}»" : "")}"));
        foreach (var c in e.Time.Candidates)
        {
            facts.AddRow("", Terminal.Escape($"· {c.From:yyyy-MM-dd}..{c.To:yyyy-MM-dd} {Kebab.Format(c.Precision)} via {Kebab.Format(c.Method)}{(c.Anchor is null ? "" : $" (anchor: {c.Anchor})")}{(c.Reason is null ? "" : ": " + c.Reason)}"));
        }
        foreach (var f in e.Time.Findings)
        {
            facts.AddRow("[yellow]finding[/]", Terminal.Escape(f));
        }
        Terminal.Out.Write(facts);
        if (e.TimeJudgement is { } judged)
        {
            Terminal.Out.MarkupLine("[bold]time[/], judged from the claims:");
            foreach (var step in judged.Steps)
            {
                Terminal.Out.MarkupLine($"  {Terminal.Escape(step)}");
            }
        }

        var claims = new Table().Border(TableBorder.Simple)
            .AddColumn("claim").AddColumn("kind / modality").AddColumn("summary").AddColumn("origin").AddColumn("grade").AddColumn(new TableColumn("score").RightAligned()).AddColumn("fate");
        foreach (var c in e.Claims)
        {
            claims.AddRow(
                (c.Live ? "" : "[grey]") + Terminal.Escape(c.ClaimId) + (c.Live ? "" : "[/]"),
                Terminal.Escape($"{c.Kind} / {c.Modality}"),
                Terminal.Escape(c.Summary),
                Terminal.Escape(c.Origin),
                Terminal.Escape(c.Grade),
                c.ConfidenceScore.ToString(CultureInfo.InvariantCulture),
                Terminal.Escape(c.Fate));
        }
        Terminal.Out.Write(claims);

        var score = e.Confidence.Score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "none";
        Terminal.Out.MarkupLine($"[bold]confidence {score}/100[/]{(e.Confidence.Contested ? " [red](contested)[/]" : "")}, from {e.Confidence.Origins.Count} independent origin(s):");
        foreach (var step in e.Confidence.Steps)
        {
            Terminal.Out.MarkupLine($"  {Terminal.Escape(step)}");
        }

        var relationship = e.RelationshipScore is { } r ? r.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "n/a";
        Terminal.Out.MarkupLine($"relationship score at {e.AsOf:yyyy-MM-dd}: [bold]{relationship}[/] ({Terminal.Escape(e.Band)})");
        if (e.Contribution is { } m)
        {
            Terminal.Out.MarkupLine(Terminal.Escape(
                $"  counts as {m.Kind} ({m.Cameo}), goldstein {m.Goldstein.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}, weight {m.Weight.ToString("0.000", CultureInfo.InvariantCulture)}"
                + $" ({m.Standing}), share {m.Share.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} of the score; claims {string.Join(", ", m.ClaimIds)}"));
        }
        else
        {
            Terminal.Out.MarkupLine($"  does not count: {Terminal.Escape(e.NotCountedBecause)}");
        }
    }
}
