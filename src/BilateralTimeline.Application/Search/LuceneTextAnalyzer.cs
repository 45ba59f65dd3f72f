using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Fa;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace BilateralTimeline.Application.Search;

/// <summary>
/// Lucene.Net's analysis chain, used only to make terms; the terms live in the store's own database
/// (see ISearchIndexStore), so there is no index folder to keep beside a PostgreSQL server.
/// Words are split by Unicode's word rules (diacritics and tatweel stay inside their word, so the
/// offsets cover the word as written), lower-cased, then normalised (Persian ی and ک to ي and ك, alef
/// forms to ا, ى to ي, ة to ه, diacritics and tatweel dropped) and light-stemmed (ال/و/ب/ك/ف/لل prefixes, ات/ان/ون/ين/ه/ة/ي…
/// suffixes, so المناورات and مناورة both give مناور), then English possessives dropped and Porter-stemmed.
/// The Arabic filters leave Latin words alone and Porter leaves Arabic ones alone, so one chain serves both.
/// </summary>
public sealed class LuceneTextAnalyzer : ITextAnalyzer
{
    private const LuceneVersion Lucene = LuceneVersion.LUCENE_48;
    private readonly Analyzer _analyzer = new Chain();

    public string Version => "lucene-4.8:standard,lower,fa-norm,ar-norm,ar-stem,en-possessive,porter/2";

    public IReadOnlyList<AnalyzedToken> Analyze(string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = _analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            // A word the stemmer reduced to nothing (a bare prefix) matches everything alike: leave it out.
            if (term.Length > 0)
            {
                tokens.Add(new AnalyzedToken(term.ToString(), offset.StartOffset, offset.EndOffset));
            }
        }
        stream.End();
        return tokens;
    }

    private sealed class Chain : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var words = new StandardTokenizer(Lucene, reader) { MaxTokenLength = 255 };
            TokenStream stream = new LowerCaseFilter(Lucene, words);
            // Arabic text about Iran is often pasted from Persian keyboards or sources: Persian yeh (ی) and
            // keheh (ک) look like Arabic ي and ك but are other characters; fold them first.
            stream = new PersianNormalizationFilter(stream);
            stream = new ArabicNormalizationFilter(stream);
            stream = new ArabicStemFilter(stream);
            stream = new EnglishPossessiveFilter(Lucene, stream);
            stream = new PorterStemFilter(stream);
            return new TokenStreamComponents(words, stream);
        }
    }
}
