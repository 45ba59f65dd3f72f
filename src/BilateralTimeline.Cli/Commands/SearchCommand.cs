using System.CommandLine;
using BilateralTimeline.Application.Features.Search.SearchLedger;
using BilateralTimeline.Application.Search;
using BilateralTimeline.Cli.Rendering;

namespace BilateralTimeline.Cli.Commands;

/// <summary>bt search TEXT: sources and claims by their words, with the offsets of each matched word.</summary>
internal static class SearchCommand
{
    public const int NothingFound = ExitCodes.Failure;

    public static Command Create()
    {
        var text = new Argument<string>("TEXT") { Description = "The words to look for, Arabic or English (quote several words: hits with more of them come first)" };
        var limit = new Option<int>("--limit") { Description = $"Most hits to show (1–{SearchLedger.MaxLimit})", DefaultValueFactory = _ => SearchLedger.DefaultLimit, HelpName = "N" };
        var rebuild = new Option<bool>("--rebuild") { Description = "Empty the search index and build it again from the whole log before searching" };
        var command = new Command("search", """
            Find sources (title, text) and claims (summary, quotes) by their words, best first. Arabic words
            match whatever their alef, yaa or taa marbuta spelling, diacritics and tatweel, and across light
            inflection (المناورات finds مناورة); English words are matched by their stem. Each hit lists
            its matched words with their UTF-16 offsets in the field (and, for a quote, in the source text).
            Retracted and superseded claims are found and flagged. The index is caught up with the log first.
            Exit codes: 0 something found, 1 nothing found, 2 bad input.
            Example: bt search "المناورات العسكرية" --dyad AZE-IRN --limit 5
            """);
        command.Arguments.Add(text);
        command.Options.Add(limit);
        command.Options.Add(rebuild);
        command.SetAction((parse, ct) => CommandRunner.WithStore(parse, ct, async host =>
        {
            if (parse.GetValue(rebuild))
            {
                await new SearchIndexer(host.Store, host.Stores.Search!, host.Service<ITextAnalyzer>()).RebuildAsync(ct);
            }
            var results = await host.Mediator.Send(new SearchLedger(parse.GetValue(text) ?? "", parse.GetValue(CliOptions.Dyad), parse.GetValue(limit)), ct);
            if (parse.GetValue(CliOptions.Format) == OutputFormat.Json)
            {
                Json.Write(results);
            }
            else
            {
                SearchRenderer.Render(results);
            }
            return results.Total > 0 ? ExitCodes.Ok : NothingFound;
        }, StoreNeeds.ReadModelsAndSearch));
        return command;
    }
}
