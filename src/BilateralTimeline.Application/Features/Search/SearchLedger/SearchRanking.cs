using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Application.Features.Search.SearchLedger;

// Postings: The document's postings of the query's terms: its matched words.
internal sealed record RankedDocument(string Key, int TermsMatched, double Score, IReadOnlyList<SearchPosting> Postings);

/// <summary>
/// Documents that contain more of the query's terms first; among those, BM25's weighting without length
/// normalisation (a rare term counts more than a common one, repeats count less and less). Ranked in
/// the application over the stored postings, so SQLite and PostgreSQL give the same order by construction.
/// </summary>
internal static class SearchRanking
{
    private const double K1 = 1.2;

    // A word in a title or summary says more about what the document is about than one in its body.
    private static double FieldWeight(int field) => field == 0 ? 1.5 : 1.0;

    public static IReadOnlyList<RankedDocument> Rank(IReadOnlyList<string> terms, IReadOnlyList<SearchPosting> postings, long documents)
    {
        var rarity = postings.GroupBy(p => p.Term, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g =>
            {
                var df = g.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count();
                return Math.Log(1 + ((Math.Max(documents, df) - df + 0.5) / (df + 0.5)));
            },
            StringComparer.Ordinal);
        return postings.GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(doc =>
            {
                var score = doc.GroupBy(p => p.Term, StringComparer.Ordinal).Sum(term =>
                {
                    var tf = term.Sum(p => FieldWeight(p.Field));
                    return rarity[term.Key] * (tf * (K1 + 1)) / (tf + K1);
                });
                var matched = doc.Select(p => p.Term).Distinct(StringComparer.Ordinal).Count();
                return new RankedDocument(doc.Key, matched, Math.Round(score, 4), doc.ToList());
            })
            .OrderByDescending(d => d.TermsMatched)
            .ThenByDescending(d => d.Score)
            .ThenBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
    }
}
