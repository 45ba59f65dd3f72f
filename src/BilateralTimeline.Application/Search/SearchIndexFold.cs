using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Search;

/// <summary>
/// What one event changes in the search index. Stateless on purpose: a claim carries its quotes' text
/// and a correction names its claim, so the index catches up from any checkpoint without replaying
/// the log before it, and a rebuild is the same function applied from position 1.
/// </summary>
public sealed class SearchIndexFold(ITextAnalyzer analyzer)
{
    public const string SourceKind = "source";
    public const string ClaimKind = "claim";

    public static string KeyOf(string dyad, string kind, string id) => $"{dyad}/{kind}/{id}";

    public SearchIndexChange? Changes(RecordedEvent recorded)
    {
        if (!DyadId.TryFromStreamName(recorded.Stream, out var dyadId) || LedgerReader.ToEnvelope(recorded) is not { } envelope)
        {
            return null;
        }
        var dyad = dyadId!.ToString();
        var position = recorded.GlobalPosition;
        return envelope.Event switch
        {
            SourceRegistered s => Put(new SearchDocument(KeyOf(dyad, SourceKind, s.SourceId), dyad, SourceKind, s.SourceId, null,
                [new SearchField("title", s.Title), new SearchField("text", s.Text)], false, null, position)),
            ClaimRecorded c => Put(new SearchDocument(KeyOf(dyad, ClaimKind, c.ClaimId), dyad, ClaimKind, c.ClaimId, c.SourceId,
                [new SearchField("summary", c.Summary), .. c.Quotes.Select(q => new SearchField("quote", q.Text, q.Start))], false, null, position)),
            ClaimRetracted r => new SearchDocumentFlag(KeyOf(dyad, ClaimKind, r.ClaimId), true, null, position),
            ClaimSuperseded s => new SearchDocumentFlag(KeyOf(dyad, ClaimKind, s.ClaimId), false, s.SupersededBy, position),
            _ => null,
        };
    }

    private SearchDocumentPut Put(SearchDocument document)
    {
        var postings = new List<SearchPosting>();
        for (var field = 0; field < document.Fields.Count; field++)
        {
            foreach (var token in analyzer.Analyze(document.Fields[field].Text))
            {
                postings.Add(new SearchPosting(token.Term, document.Dyad, document.Key, field, token.Start, token.End));
            }
        }
        return new SearchDocumentPut(document, postings);
    }
}
