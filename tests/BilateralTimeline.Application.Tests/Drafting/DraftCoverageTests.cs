using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>
/// The drafter beyond the samples' vocabulary and dates, on sentences written for the test: whole verb families
/// per kind, the noun "claims" that is not the verb, a headline retold with a date, plans that do not move the
/// story's time, undated news before any date, and a written year that is the year read.
/// </summary>
public sealed class DraftCoverageTests
{
    private static async Task<List<ClaimDto>> Draft(string text, string published = "2024-05-10")
    {
        await using var ledger = TestLedger.Create();
        var draft = await ledger.Mediator.Send(new DraftArticle(text, Published: published, Dyad: "IND-PAK"));
        return draft.Claims!.ToList();
    }

    private static ClaimDto Quoting(List<ClaimDto> claims, string words) =>
        Assert.Single(claims, c => c.Quotes!.Any(q => q.Text!.Contains(words, StringComparison.Ordinal)));

    [Theory]
    [InlineData("Indian soldiers fired artillery shells across the line of control.", "fight")]
    [InlineData("The two governments agreed to extend the water treaty by ten years.", "agreement")]
    [InlineData("New Delhi imposed sanctions on three Pakistani banks.", "coercion")]
    [InlineData("The foreign ministers held talks by phone.", "meeting")]
    [InlineData("Islamabad recalled its ambassador from New Delhi.", "reduce-relations")]
    [InlineData("بحث وزير الخارجية الهندي مع نظيره الباكستاني ملف المياه.", "meeting")]
    [InlineData("أجرى رئيس الوزراء الهندي اتصالا هاتفيا بنظيره الباكستاني.", "meeting")]
    [InlineData("اتفق البلدان على تبادل الأسرى.", "agreement")]
    [InlineData("تبادل الجيشان إطلاق النار على الحدود.", "fight")]
    [InlineData("ودخل وقف إطلاق النار حيز التنفيذ على الحدود.", "agreement")]
    public async Task A_common_verb_of_a_kind_names_that_kind(string sentence, string kind)
    {
        var claims = await Draft(sentence);

        Assert.Equal(kind, Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task The_noun_claims_does_not_make_a_clause_unconfirmed_but_the_verb_claimed_does()
    {
        var noun = await Draft("India criticised the claims of the Pakistani army.");
        var verb = await Draft("The Pakistani army claimed that India shelled two villages.");

        Assert.NotEqual("unconfirmed", Assert.Single(noun).Modality);
        Assert.Equal("unconfirmed", Assert.Single(verb).Modality);
    }

    [Fact]
    public async Task A_ministry_is_not_a_visit()
    {
        var claims = await Draft("ونفت وزارة الخارجية الباكستانية هذه الاتهامات.");

        Assert.Equal("rejection", Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task A_headline_retold_in_the_body_takes_the_body_date()
    {
        var claims = await Draft("India and Pakistan reopen Wagah border crossing\n\nIndia and Pakistan reopened the Wagah border crossing on Thursday.");

        var claim = Assert.Single(claims);
        Assert.Equal(2, claim.Quotes!.Count);
        Assert.Equal("2024-05-09", claim.Occurred!.Candidates![0].From);
    }

    [Fact]
    public async Task A_plan_for_next_year_does_not_date_the_sentences_after_it()
    {
        var claims = await Draft("The minister said work on the corridor will start next year. The two delegations met in Lahore.");

        var met = Quoting(claims, "delegations met");
        Assert.Equal("2024-05-10", met.Occurred!.Candidates![0].From);
    }

    [Fact]
    public async Task Undated_news_before_any_date_is_news_of_the_publication()
    {
        var claims = await Draft("Pakistan condemned the Indian statement.");

        Assert.Equal("2024-05-10", Assert.Single(claims).Occurred!.Candidates![0].From);
    }

    [Fact]
    public async Task A_written_year_after_since_is_the_year_read_not_a_year_ago()
    {
        var claims = await Draft("وقالت الوزارة إن الأسعار ثابتة منذ عام 2019.");

        Assert.StartsWith("2019", Assert.Single(claims).Occurred!.Candidates![0].From, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_before_a_month_is_not_part_of_the_date()
    {
        var claims = await Draft("وأغلقت السلطات المعبر لمدة أسبوع في آذار الماضي بعد اشتباكات.");

        var closure = Quoting(claims, "أغلقت");
        Assert.Equal("2024-03-01", closure.Occurred!.Candidates![0].From);
    }

    [Fact]
    public async Task A_speaker_named_after_a_quotation_is_the_speaker_and_an_analyst_gives_an_opinion()
    {
        var claims = await Draft("\"Relations are at their lowest point in years,\" said Jane Doe, a security analyst in Lahore.");

        var claim = Assert.Single(claims);
        Assert.Contains(claim.Attribution!, l => l.Name == "Jane Doe" && l.Kind == "speaker");
        Assert.Equal("opinion", claim.Modality);
    }

    [Theory]
    [InlineData("India's prime minister is expected to visit Islamabad next month, according to an official.")]
    [InlineData("ومن المتوقع أن يزور رئيس الوزراء الهندي إسلام آباد الشهر المقبل.")]
    public async Task An_expected_event_is_unconfirmed_not_a_report_of_fact(string sentence)
    {
        var claim = Assert.Single(await Draft(sentence));

        Assert.Equal("visit", claim.Kind);
        Assert.Equal("unconfirmed", claim.Modality);
    }
}
