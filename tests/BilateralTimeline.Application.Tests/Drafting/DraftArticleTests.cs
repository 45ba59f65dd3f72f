using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Scoring;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>
/// A draft of a real article is a valid import file whose every claim is a marked proposal: refused
/// as it stands, recorded once the analyst accepts it, with quotes the import itself re-checks.
/// </summary>
public sealed class DraftArticleTests
{
    [Theory]
    [InlineData(SampleArticles.Visit, "2024-01-24..2024-02-29")]
    [InlineData(SampleArticles.Exercise, "2024-06-01..2024-06-30")]
    public async Task A_sample_article_drafts_to_proposals_that_import_only_once_accepted(string article, string published)
    {
        await using var ledger = TestLedger.Create();
        var text = SampleArticles.Text(article);

        var draft = await ledger.Mediator.Send(new DraftArticle(text, "sample outlet", published, null, "AZE-IRN"));
        ledger.Write("draft.claims.json", DraftJson.Serialize(draft));
        var refused = await ledger.RejectsAsync("draft.claims.json");
        var accepted = await ledger.Mediator.Send(ImportDocumentReader.Read(Path.Combine(ledger.Directory, "draft.claims.json"), "tester") with { AcceptProposed = true });

        var source = Assert.Single(draft.Sources!);
        Assert.Equal(text, source.Text);
        Assert.Equal(SourceText.Sha256Hex(text), source.Sha256);
        Assert.NotEmpty(draft.Claims!);
        Assert.All(draft.Claims!, c =>
        {
            Assert.True(c.Proposed);
            Assert.False(string.IsNullOrWhiteSpace(c.Cue));
            Assert.True(ClaimKinds.IsKnown(c.Kind!));
            Assert.Equal("F", c.Confidence!.Reliability);
            Assert.All(c.Quotes!, q => Assert.Equal(q.Text, text[q.Start!.Value..q.End!.Value]));
        });
        Assert.Equal(draft.Claims!.Count, refused.Errors.Count(e => e.Field.EndsWith(".proposed", StringComparison.Ordinal)));
        Assert.All(refused.Errors, e => Assert.EndsWith(".proposed", e.Field, StringComparison.Ordinal));
        Assert.Equal(draft.Claims!.Count, accepted.Claims);
        Assert.Equal(draft.Claims!.Count, accepted.AcceptedProposals);
    }

    [Fact]
    public async Task The_ministrys_purpose_told_twice_in_other_words_is_one_proposal_with_two_quotes()
    {
        await using var ledger = TestLedger.Create();
        var text = SampleArticles.Text(SampleArticles.Visit);
        const string opening = "وقالت وزارة الدفاع الأذربيجانية";
        var first = text.IndexOf(opening, StringComparison.Ordinal);
        var second = text.IndexOf(opening, first + 1, StringComparison.Ordinal);

        var draft = await ledger.Mediator.Send(new DraftArticle(text, Dyad: "AZE-IRN"));

        Assert.NotEqual(text[first..text.IndexOf('\n', first)], text[second..text.IndexOf('\n', second)]);
        var claim = Assert.Single(draft.Claims!, c => c.Quotes!.Any(q => q.Start == first));
        Assert.Contains(claim.Quotes!, q => q.Start == second);
        Assert.DoesNotContain(draft.Claims!, c => c != claim && c.Quotes!.Any(q => q.Start == second));
    }

    [Fact]
    public async Task A_date_phrase_is_resolved_against_the_publication_and_named_with_its_own_offsets()
    {
        await using var ledger = TestLedger.Create();
        var text = SampleArticles.Text(SampleArticles.Exercise);
        const string phrase = "الأسبوع الماضي";
        var at = text.IndexOf(phrase, StringComparison.Ordinal);

        var draft = await ledger.Mediator.Send(new DraftArticle(text, Published: "2024-06-10", Dyad: "AZE-IRN"));

        var claim = Assert.Single(draft.Claims!, c => c.Occurred?.Phrase == phrase);
        Assert.Contains($"«{phrase}» at [{at}, {at + phrase.Length})", claim.Cue, StringComparison.Ordinal);
        var candidate = Assert.Single(claim.Occurred!.Candidates!);
        // The ISO week before the one of Monday 10 June.
        Assert.Equal("2024-06-03", candidate.From);
        Assert.Equal("2024-06-09", candidate.To);
    }

    [Fact]
    public async Task An_english_article_gets_kinds_modality_and_attribution_from_its_cues()
    {
        await using var ledger = TestLedger.Create();
        const string text = "Azerbaijan's foreign minister visited Tehran on 3 March, the ministry said.\nIran denied the reports of troops on the border.\nIt seems unlikely that Baku will change course.";

        var draft = await ledger.Mediator.Send(new DraftArticle(text, Published: "2024-03-05"));

        Assert.Equal("AZE-IRN", draft.Dyad);
        Assert.Equal("en", draft.Sources![0].Language);
        var visit = Assert.Single(draft.Claims!, c => c.Kind == "visit");
        Assert.Equal("reported", visit.Modality);
        Assert.Contains(visit.Attribution!, a => a.Name == "the ministry" && a.Kind == "organisation");
        Assert.Equal("2024-03-03", visit.Occurred!.Candidates![0].From);
        Assert.Contains(visit.Actors!, a => a.Level == "minister" && a.Country == "AZE");
        Assert.Contains(draft.Claims!, c => c.Kind == "rejection" && c.Modality == "denial");
        Assert.DoesNotContain(draft.Claims!, c => c.Quotes![0].Text!.StartsWith("the ministry", StringComparison.Ordinal));
        Assert.Contains(draft.Claims!, c => c.Kind == "assessment" && c.Modality == "opinion");
    }

    [Fact]
    public async Task Names_the_ledger_already_holds_become_actors_only_when_asked()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        const string text = "Jeyhun Bayramov visited Tehran on 3 March, the ministry said.";

        var learned = await ledger.Mediator.Send(new DraftArticle(text, Published: "2024-03-05", Dyad: "AZE-IRN", LearnFromLedger: true));
        var plain = await ledger.Mediator.Send(new DraftArticle(text, Published: "2024-03-05", Dyad: "AZE-IRN"));

        var actor = Assert.Single(learned.Claims![0].Actors!, a => a.Name == "Jeyhun Bayramov");
        Assert.Equal(("AZE", "Foreign Minister", "minister"), (actor.Country, actor.Title, actor.Level));
        Assert.DoesNotContain(plain.Claims![0].Actors ?? [], a => a.Name == "Jeyhun Bayramov");
    }

    [Fact]
    public void Inflected_and_prefixed_arabic_forms_meet_their_lexicon_entry_through_the_stemmer()
    {
        const string text = "وزيارته الأخيرة والزيارة";

        var hits = CueLexicon.Kinds.Find(WordForms.Words(text, 0, text.Length));

        Assert.Equal(2, hits.Count(h => h.Value == "visit"));
        Assert.NotEqual(WordForms.Stem("أدى"), WordForms.Stem("أدان"));
    }

    [Fact]
    public async Task A_text_naming_no_two_countries_asks_for_the_dyad()
    {
        await using var ledger = TestLedger.Create();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new DraftArticle("The minister visited the capital and met officials there.")));

        Assert.Equal("dyad", Assert.Single(rejected.Errors).Field);
    }

    [Theory]
    [InlineData("2024-02-30", "published")]
    [InlineData("2024-03-01..2024-02-01", "published")]
    [InlineData("XX-YY", "dyad")]
    public async Task Bad_options_are_refused_naming_the_field(string value, string field)
    {
        await using var ledger = TestLedger.Create();
        var request = field == "published" ? new DraftArticle("Iran and Azerbaijan met.", Published: value) : new DraftArticle("Iran and Azerbaijan met.", Dyad: value);

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(request));

        Assert.Equal(field, Assert.Single(rejected.Errors).Field);
    }
}
