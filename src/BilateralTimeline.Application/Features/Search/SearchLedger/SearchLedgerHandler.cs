using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Search;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;
using MediatR;

namespace BilateralTimeline.Application.Features.Search.SearchLedger;

public sealed class SearchLedgerHandler(IEventStore store, ISearchIndexStore index, ITextAnalyzer analyzer) : IRequestHandler<SearchLedger, SearchResults>
{
    private const int SnippetContext = 40;

    public async Task<SearchResults> Handle(SearchLedger request, CancellationToken cancellationToken)
    {
        var dyad = string.IsNullOrWhiteSpace(request.Dyad) ? null : DyadId.Parse(request.Dyad).ToString();
        var terms = analyzer.Analyze(request.Q).Select(t => t.Term).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0)
        {
            throw new InputRejectedException("q", $"'{request.Q}' has no words to search for (only punctuation or spaces)");
        }
        // Caught up before answering, so a search right after an import finds what it recorded.
        var position = await new SearchIndexer(store, index, analyzer).CatchUpAsync(cancellationToken).ConfigureAwait(false);
        var postings = await index.FindPostingsAsync(terms, dyad, cancellationToken).ConfigureAwait(false);
        var documents = await index.CountDocumentsAsync(dyad, cancellationToken).ConfigureAwait(false);
        var ranked = SearchRanking.Rank(terms, postings, documents);
        var top = ranked.Take(request.Limit).ToList();
        var stored = (await index.ReadDocumentsAsync(top.Select(r => r.Key).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d.Key, StringComparer.Ordinal);
        var hits = top.Where(r => stored.ContainsKey(r.Key)).Select(r => Hit(stored[r.Key], r)).ToList();
        return new SearchResults(request.Q, dyad, terms, position, ranked.Count, hits);
    }

    private static SearchHit Hit(SearchDocument document, RankedDocument ranked)
    {
        var matches = ranked.Postings
            .OrderBy(p => p.Field).ThenBy(p => p.Start)
            .Select(p => Match(document.Fields[p.Field], document.Kind, p))
            .ToList();
        var first = ranked.Postings.OrderBy(p => p.Field).ThenBy(p => p.Start).First();
        return new SearchHit(document.Kind, document.Id, document.Dyad, document.SourceId, document.Fields[0].Text, ranked.TermsMatched, ranked.Score,
            document.Retracted, document.SupersededBy, Snippet(document.Fields[first.Field].Text, first.Start, first.End), matches);
    }

    private static SearchMatch Match(SearchField field, string kind, SearchPosting posting)
    {
        var quote = field.Name == "quote" && kind == SearchIndexFold.ClaimKind ? posting.Field - 1 : (int?)null;
        return new SearchMatch(field.Name, quote, posting.Start, posting.End, field.Text[posting.Start..posting.End], posting.Term,
            field.SourceStart + posting.Start, field.SourceStart + posting.End);
    }

    private static string Snippet(string text, int start, int end)
    {
        var from = Math.Max(0, start - SnippetContext);
        var to = Math.Min(text.Length, end + SnippetContext);
        // Never cut a surrogate pair in half at either edge.
        if (from > 0 && char.IsLowSurrogate(text[from]))
        {
            from--;
        }
        if (to < text.Length && char.IsLowSurrogate(text[to]))
        {
            to++;
        }
        var snippet = text[from..to].ReplaceLineEndings(" ");
        return (from > 0 ? "…" : "") + snippet + (to < text.Length ? "…" : "");
    }
}
