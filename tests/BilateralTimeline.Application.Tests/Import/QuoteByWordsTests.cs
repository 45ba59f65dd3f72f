using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// A quote given by its words alone is located in the source's exact characters and stored with its
/// offsets, as if the analyst had counted them; an absent or ambiguous quote is refused with the
/// candidate positions and nothing is stored.
/// </summary>
public sealed class QuoteByWordsTests
{
    private static JsonObject OneClaim(string sourceId, string kind, JsonObject quote, JsonObject? source = null, string id = "c-words") => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["sources"] = source is null ? new JsonArray() : new JsonArray(source),
        ["claims"] = new JsonArray(new JsonObject
        {
            ["id"] = id,
            ["source"] = sourceId,
            ["kind"] = kind,
            ["summary"] = "a claim whose quote is given by its words",
            ["modality"] = "asserted",
            ["quotes"] = new JsonArray(quote),
            ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
        }),
    };

    private static JsonObject ArabicSource() => new()
    {
        ["id"] = "src-ar",
        ["outlet"] = "Example Agency",
        ["language"] = "ar",
        ["title"] = "إغلاق السفارة",
        ["text"] = Samples.ArabicText,
    };

    private static async Task<Quote> StoredQuote(TestLedger ledger, string claimId)
    {
        var view = await LedgerView.LoadAsync(ledger.Store, DyadId.Parse("AZE-IRN"), null, CancellationToken.None);
        return Assert.Single(view.Claims[claimId].Claim.Quotes);
    }

    [Fact]
    public async Task A_quote_by_its_words_of_a_recorded_source_is_stored_at_its_offsets()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        const string words = "after the attack on the mission";

        await ledger.ImportAsync("words.claims.json", OneClaim("src-1", "assault", new JsonObject { ["text"] = words }));

        var quote = await StoredQuote(ledger, "c-words");
        var start = Samples.ArticleText.IndexOf(words, StringComparison.Ordinal);
        Assert.Equal(new Quote(start, start + words.Length, words), quote);
    }

    [Fact]
    public async Task An_arabic_quote_by_its_words_of_a_source_in_the_same_file_is_stored_at_its_offsets()
    {
        await using var ledger = TestLedger.Create();
        const string words = "إغلاق سفارتها في طهران";

        await ledger.ImportAsync("arabic.claims.json", OneClaim("src-ar", "reduce-relations", new JsonObject { ["text"] = words }, ArabicSource()));

        var quote = await StoredQuote(ledger, "c-words");
        Assert.Equal(Samples.ArabicText.IndexOf(words, StringComparison.Ordinal), quote.Start);
        Assert.Equal(words, Samples.ArabicText[quote.Start..quote.End]);
    }

    [Fact]
    public async Task Nth_picks_the_chosen_occurrence_of_a_repeated_quote()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        const string words = "Foreign Minister";
        var first = Samples.ArticleText.IndexOf(words, StringComparison.Ordinal);
        var second = Samples.ArticleText.IndexOf(words, first + 1, StringComparison.Ordinal);

        await ledger.ImportAsync("nth.claims.json", OneClaim("src-1", "meeting", new JsonObject { ["text"] = words, ["nth"] = 2 }));

        Assert.Equal(second, (await StoredQuote(ledger, "c-words")).Start);
    }

    [Fact]
    public async Task An_ambiguous_quote_is_refused_with_its_candidate_positions_and_nothing_is_stored()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        const string words = "Foreign Minister";
        var first = Samples.ArticleText.IndexOf(words, StringComparison.Ordinal);
        var second = Samples.ArticleText.IndexOf(words, first + 1, StringComparison.Ordinal);

        var rejected = await ledger.RejectsAsync("ambiguous.claims.json", OneClaim("src-1", "meeting", new JsonObject { ["text"] = words }));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].quotes[0].text", error.Field);
        Assert.Contains($"1: [{first}, {first + words.Length})", error.Message, StringComparison.Ordinal);
        Assert.Contains($"2: [{second}, {second + words.Length})", error.Message, StringComparison.Ordinal);
        Assert.Contains("nth", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task An_nth_beyond_the_occurrences_is_refused_naming_how_many_there_are()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await ledger.RejectsAsync("nth3.claims.json", OneClaim("src-1", "meeting", new JsonObject { ["text"] = "Foreign Minister", ["nth"] = 3 }));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].quotes[0].text", error.Field);
        Assert.Contains("occurs 2 time(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("closed its  embassy")]
    [InlineData("closed its embassy in Baku")]
    public async Task An_absent_quote_is_refused_and_whitespace_is_not_normalised(string words)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();

        var rejected = await ledger.RejectsAsync("absent.claims.json", OneClaim("src-1", "reduce-relations", new JsonObject { ["text"] = words }));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].quotes[0].text", error.Field);
        Assert.Contains("does not occur in source 'src-1'", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task An_arabic_quote_with_another_letter_form_is_not_found_because_quotes_are_exact()
    {
        await using var ledger = TestLedger.Create();

        // The source writes إغلاق with hamza below; a bare alef is another character.
        var rejected = await ledger.RejectsAsync("forms.claims.json", OneClaim("src-ar", "reduce-relations", new JsonObject { ["text"] = "اغلاق سفارتها" }, ArabicSource()));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].quotes[0].text", error.Field);
        Assert.Contains("does not occur", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nth_with_offsets_is_refused_as_meaningless()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await ledger.RejectsAsync("both.claims.json", OneClaim("src-1", "assault", new JsonObject { ["start"] = 63, ["end"] = 94, ["text"] = "after the attack on the mission", ["nth"] = 1 }));

        Assert.Equal("claims[0].quotes[0].nth", Assert.Single(rejected.Errors).Field);
    }

    [Fact]
    public async Task A_quote_by_words_of_an_unknown_source_is_refused_rather_than_guessed()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await ledger.RejectsAsync("unknown.claims.json", OneClaim("src-nowhere", "assault", new JsonObject { ["text"] = "after the attack" }));

        Assert.Contains(rejected.Errors, e => e.Field == "claims[0].quotes[0].text" && e.Message.Contains("src-nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proposed_claim_is_refused_until_accepted_and_an_accepted_one_says_so_in_its_note()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var file = OneClaim("src-1", "assault", new JsonObject { ["text"] = "after the attack on the mission" });
        file["claims"]![0]!["proposed"] = true;
        file["claims"]![0]!["cue"] = "attack → assault";
        var before = await ledger.LogAsync();

        var rejected = await ledger.RejectsAsync("proposed.claims.json", file);
        await ledger.AssertUnchangedSinceAsync(before);
        var accepted = await ledger.Mediator.Send(ImportDocumentReader.Read(Path.Combine(ledger.Directory, "proposed.claims.json"), "tester") with { AcceptProposed = true });

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].proposed", error.Field);
        Assert.Contains("accept every proposal of the file", error.Message, StringComparison.Ordinal);
        Assert.Equal(Remedies.AcceptProposals, error.Remedy);
        Assert.Equal(1, accepted.AcceptedProposals);
        var view = await LedgerView.LoadAsync(ledger.Store, DyadId.Parse("AZE-IRN"), null, CancellationToken.None);
        Assert.Contains("accepted unreviewed with --accept-proposed", view.Claims["c-words"].Claim.Note, StringComparison.Ordinal);
        Assert.Contains("attack → assault", view.Claims["c-words"].Claim.Note, StringComparison.Ordinal);
    }
}
