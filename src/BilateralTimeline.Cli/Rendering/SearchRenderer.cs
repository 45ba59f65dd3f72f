using BilateralTimeline.Application.Features.Search.SearchLedger;
using Spectre.Console;

namespace BilateralTimeline.Cli.Rendering;

internal static class SearchRenderer
{
    public static void Render(SearchResults results)
    {
        if (results.Hits.Count == 0)
        {
            Terminal.Out.MarkupLine($"nothing found for {Terminal.Escape(results.Q)} [grey](terms {Terminal.Escape(string.Join(' ', results.Terms))}; index at event #{results.Position})[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("hit").AddColumn("dyad").AddColumn("terms").AddColumn("score").AddColumn("fate").AddColumn("matched words (field start..end)").AddColumn("context");
        foreach (var hit in results.Hits)
        {
            var fate = hit.Retracted ? "[red]retracted[/]" : hit.SupersededBy is { } by ? $"[yellow]superseded by {Terminal.Escape(by)}[/]" : "";
            var words = string.Join(", ", hit.Matches.Take(6).Select(m => $"{m.Text} ({m.Field}{(m.Quote is { } q ? $"[{q}]" : "")} {m.Start}..{m.End})"))
                + (hit.Matches.Count > 6 ? $", … {hit.Matches.Count - 6} more" : "");
            var label = hit.Kind == "claim" ? $"claim {hit.Id} (source {hit.SourceId})" : $"source {hit.Id}";
            table.AddRow(new Text(label), new Text(hit.Dyad),
                new Text($"{hit.TermsMatched}/{results.Terms.Count}"), new Text(hit.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
                new Markup(fate), new Text(words), new Text(hit.Snippet));
        }
        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine($"[grey]{results.Hits.Count} of {results.Total} hits for {Terminal.Escape(results.Q)} (terms {Terminal.Escape(string.Join(' ', results.Terms))}); index at event #{results.Position}[/]");
    }
}
