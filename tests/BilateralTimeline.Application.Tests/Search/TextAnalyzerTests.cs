using BilateralTimeline.Application.Search;

namespace BilateralTimeline.Application.Tests.Search;

public sealed class TextAnalyzerTests
{
    private readonly LuceneTextAnalyzer _analyzer = new();

    private string Term(string word) => Assert.Single(_analyzer.Analyze(word)).Term;

    [Theory]
    [InlineData("المناورات", "مناورة")]
    [InlineData("المناورات", "مناورات")]
    [InlineData("والمناورات", "مناورة")]
    [InlineData("المَنَاوَرَاتُ", "مناورة")]
    [InlineData("المنـــاورات", "مناورة")]
    [InlineData("أذربيجان", "اذربيجان")]
    [InlineData("إيران", "ايران")]
    [InlineData("آذربيجان", "اذربيجان")]
    [InlineData("مستشفى", "مستشفي")]
    [InlineData("السفارة", "سفاره")]
    [InlineData("للسفارة", "سفارة")]
    [InlineData("ایران", "إيران")]
    [InlineData("کابل", "كابل")]
    [InlineData("Exercises", "exercise")]
    [InlineData("embassy's", "Embassy")]
    [InlineData("visited", "visiting")]
    public void Spelling_variants_of_one_word_give_one_term(string written, string other)
    {
        Assert.Equal(Term(other), Term(written));
    }

    [Theory]
    [InlineData("مناورة", "سفارة")]
    [InlineData("embassy", "ministry")]
    public void Different_words_give_different_terms(string one, string other)
    {
        Assert.NotEqual(Term(other), Term(one));
    }

    [Fact]
    public void Arabic_light_stemming_strips_the_article_and_the_feminine_plural()
    {
        Assert.Equal("مناور", Term("المناورات"));
        Assert.Equal("مناور", Term("مناورة"));
    }

    [Fact]
    public void Offsets_cover_each_word_as_written_with_its_diacritics_and_tatweel()
    {
        var text = "أجرت القوات «المَنَاوَرَاتُ» العسكريـــة، and the Embassy's staff left.";
        var tokens = _analyzer.Analyze(text);

        var written = tokens.Select(t => text[t.Start..t.End]).ToList();
        Assert.Equal(["أجرت", "القوات", "المَنَاوَرَاتُ", "العسكريـــة", "and", "the", "Embassy's", "staff", "left"], written);
        Assert.Equal(_analyzer.Analyze("مناورة")[0].Term, tokens[2].Term);
    }

    [Fact]
    public void Offsets_count_UTF16_code_units_past_characters_outside_the_basic_plane()
    {
        var text = "🇮🇷 visit 𝐀 مناورة";
        var tokens = _analyzer.Analyze(text);

        Assert.Contains(tokens, t => text[t.Start..t.End] == "visit");
        Assert.Contains(tokens, t => text[t.Start..t.End] == "مناورة");
    }

    [Fact]
    public void Punctuation_and_whitespace_alone_give_no_terms()
    {
        Assert.Empty(_analyzer.Analyze(" ، . «» — "));
    }
}
