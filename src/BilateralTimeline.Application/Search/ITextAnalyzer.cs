namespace BilateralTimeline.Application.Search;

/// <summary>
/// Turns text into the terms search matches on. The index and the query go through the same analyser,
/// so a word matches whatever its spelling variants reduce to.
/// </summary>
public interface ITextAnalyzer
{
    /// <summary>
    /// Names the rules in force. An index built under other rules holds terms a query can no longer
    /// produce, so the indexer rebuilds it when this changes.
    /// </summary>
    string Version { get; }

    /// <summary>The terms of <paramref name="text"/> in order, each with the offsets of the word as written.</summary>
    IReadOnlyList<AnalyzedToken> Analyze(string text);
}

/// <summary>
/// A term and where its word stands in the analysed text: UTF-16 offsets, start inclusive, end exclusive,
/// covering the word as written (diacritics, tatweel and prefixes included).
/// </summary>
public sealed record AnalyzedToken(string Term, int Start, int End);
