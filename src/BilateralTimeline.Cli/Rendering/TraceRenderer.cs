using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class TraceRenderer
{
    public static void Render(ClaimTrace trace)
    {
        Terminal.Out.Write(new Rule($"[bold]claim {Terminal.Escape(trace.ClaimId)}[/] ({Terminal.Escape(trace.Dyad)})").LeftJustified());
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow("summary", Terminal.Escape(trace.Summary));
        facts.AddRow("kind / modality", Terminal.Escape($"{trace.Kind} / {trace.Modality}"));
        facts.AddRow("occurrence", Terminal.Escape(trace.OccurrenceId is null ? "(none)" : $"{trace.OccurrenceId}: {trace.OccurrenceTitle}"));
        facts.AddRow("occurred", Terminal.Escape($"{trace.Occurred}{(trace.Occurred.Phrase is { } p ? $"   «{p}»" : "")}"));
        foreach (var c in trace.Occurred.Candidates)
        {
            facts.AddRow("", Terminal.Escape($"· {c.From:yyyy-MM-dd}..{c.To:yyyy-MM-dd} {Kebab.Format(c.Precision)} via {Kebab.Format(c.Method)}{(c.Anchor is null ? "" : $" (anchor: {c.Anchor})")}{(c.Reason is null ? "" : ": " + c.Reason)}"));
        }
        foreach (var f in trace.Occurred.Findings)
        {
            facts.AddRow("[yellow]finding[/]", Terminal.Escape(f));
        }
        facts.AddRow("actors", Terminal.Escape(string.Join("; ", trace.Actors.Select((a, i) => $"{a.Name} ({a.Role}{(a.Country is null ? "" : ", " + a.Country)}){Entity(trace, i)}"))));
        facts.AddRow("said by", Terminal.Escape(string.Join(" → ", trace.Attribution.Select(a => a.Name))));
        facts.AddRow("confidence", Terminal.Escape($"{trace.CurrentConfidence.Grade} ({trace.ConfidenceInWords}), score {trace.ConfidenceScore}/100; recorded as {trace.RecordedConfidence.Grade}"));
        facts.AddRow("fate", Terminal.Escape(trace.Fate));
        if (trace.Drafted is { } drafted)
        {
            facts.AddRow(drafted.Accepted == "reviewed" ? "drafted" : "[yellow]drafted[/]",
                Terminal.Escape($"by bt draft, accepted {drafted.Accepted}: {drafted.How}{(drafted.Cue is null ? "" : $" (cue: {drafted.Cue})")}"));
        }
        if (trace.Note is { } note)
        {
            facts.AddRow("note", Terminal.Escape(note));
        }
        Terminal.Out.Write(facts);

        var events = new Table().Border(TableBorder.Simple).AddColumn("position").AddColumn("event id").AddColumn("what").AddColumn("recorded").AddColumn("by");
        foreach (var e in trace.Events)
        {
            events.AddRow($"#{e.Position}", e.EventId.ToString(), Terminal.Escape(e.What + (e.Reason is null ? "" : $": {e.Reason}")), $"{e.Recorded:yyyy-MM-dd HH:mm:ss}Z", Terminal.Escape(e.RecordedBy));
        }
        Terminal.Out.Write(events);

        var s = trace.Source;
        Terminal.Out.MarkupLine($"source [bold]{Terminal.Escape(s.SourceId)}[/]: {Terminal.Escape(s.Outlet)} — {Terminal.Escape(s.Title)} (published {Terminal.Escape(s.Published.ToString())})");
        Terminal.Out.MarkupLine($"sha256 {s.StoredSha256} {(s.HashMatches ? "[green]matches the stored text[/]" : $"[red]DOES NOT MATCH the stored text (computed {s.ComputedSha256})[/]")}");
        foreach (var q in trace.Quotes)
        {
            Terminal.Out.MarkupLine($"quote [[{q.Start}, {q.End}) {(q.MatchesSource ? "[green]found at its offsets[/]" : "[red]NOT at its offsets[/]")}:");
            // The Arabic context as it stands in the source, the quote set off by brackets.
            Terminal.Out.MarkupLine($"  …{Terminal.Escape(q.Before)}[bold underline]⟦{Terminal.Escape(q.Text)}⟧[/]{Terminal.Escape(q.After)}…");
        }
    }

    /// <summary>" = actor ID (Name)" when the name counts as an identified actor; nothing for a name standing for itself.</summary>
    private static string Entity(ClaimTrace trace, int index) =>
        index < trace.ActorEntities.Count && trace.ActorEntities[index] is { ActorId: { } id } e ? $" = actor {id} ({e.ActorName})" : "";
}
