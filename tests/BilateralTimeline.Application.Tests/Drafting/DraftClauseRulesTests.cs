using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>
/// Each clause rule of docs/drafting.md on sentences written for the test (not the samples' sentences):
/// how a sentence divides into claims and which word names each claim's kind and voice.
/// </summary>
public sealed class DraftClauseRulesTests
{
    private static async Task<List<ClaimDto>> Draft(string text, string? published = "2024-05-10")
    {
        await using var ledger = TestLedger.Create();
        var draft = await ledger.Mediator.Send(new DraftArticle(text, Published: published, Dyad: "IRQ-JOR"));
        return draft.Claims!.ToList();
    }

    private static ClaimDto Quoting(List<ClaimDto> claims, string words) =>
        Assert.Single(claims, c => c.Quotes!.Any(q => q.Text!.Contains(words, StringComparison.Ordinal)));

    [Fact]
    public async Task A_bare_statement_followed_by_a_coordinated_appeal_is_one_appeal()
    {
        var claims = await Draft("وتحدث وزير الخارجية الأردني عن الروابط بين البلدين، ودعا إلى فتح المعابر مع العراق.");

        var claim = Assert.Single(claims);
        Assert.Equal("appeal", claim.Kind);
    }

    [Fact]
    public async Task A_habit_is_a_standing_policy_not_one_event()
    {
        var claims = await Draft("Jordan has always rejected Iraqi offers of cheap fuel.");

        Assert.Equal("policy", Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task A_hope_to_sign_is_intent_to_cooperate_not_the_agreement()
    {
        var claims = await Draft("Baghdad hopes to sign a transit agreement with Jordan this year.");

        Assert.Equal("intent-to-cooperate", Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task An_event_told_in_passing_with_its_own_date_is_a_claim_of_its_own_that_does_not_move_the_story_time()
    {
        var claims = await Draft("أجرى الجيشان الأردني والعراقي مناورة مشتركة يوم 2 أيار في إطار اتفاقية التعاون الموقعة في آذار 2023. وشارك فيها الطيران.");

        var exercise = Quoting(claims, "مناورة مشتركة");
        var agreement = Quoting(claims, "اتفاقية التعاون");
        Assert.NotSame(exercise, agreement);
        Assert.Equal("military-cooperation", exercise.Kind);
        Assert.Equal("agreement", agreement.Kind);
        Assert.StartsWith("2023-03", agreement.Occurred!.Candidates![0].From, StringComparison.Ordinal);
        Assert.StartsWith("2024-05-02", exercise.Occurred!.Candidates![0].From, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_speaker_of_a_relative_clause_does_not_attribute_the_main_clause()
    {
        var claims = await Draft("أغلقت السلطات العراقية المعبر الحدودي مع الأردن، التي أعلنت الحكومة الأردنية لاحقا إعادة فتحه.");

        var closure = Quoting(claims, "أغلقت");
        Assert.Equal("reduce-relations", closure.Kind);
        Assert.Equal("asserted", closure.Modality);
    }

    [Fact]
    public async Task English_and_before_a_verb_of_another_kind_splits_and_the_second_verb_shares_the_subject()
    {
        var claims = await Draft("The Jordanian foreign ministry denied the report and called for a joint inquiry with Iraq.");

        Assert.Equal(2, claims.Count);
        Assert.Equal(("rejection", "denial"), (claims[0].Kind, claims[0].Modality));
        Assert.Equal(("appeal", "reported"), (claims[1].Kind, claims[1].Modality));
        Assert.Contains(claims[1].Attribution!, a => a.Kind == "organisation");
    }

    [Fact]
    public async Task Relations_described_in_the_articles_voice_are_an_asserted_assessment()
    {
        var claims = await Draft("Relations between Iraq and Jordan have cooled noticeably over the past two years.");

        var claim = Assert.Single(claims);
        Assert.Equal(("assessment", "asserted"), (claim.Kind, claim.Modality));
    }

    [Fact]
    public async Task The_clause_after_while_x_said_is_the_articles_own_voice()
    {
        var claims = await Draft("وبينما أكد السفير العراقي على الروابط التاريخية، فإن العلاقات بين العراق والأردن شهدت فتورا واضحا.");

        var relations = Quoting(claims, "فإن العلاقات");
        Assert.Equal(("assessment", "asserted"), (relations.Kind, relations.Modality));
        Assert.DoesNotContain(relations.Attribution!, a => a.Kind != "source");
    }

    [Fact]
    public async Task An_analysts_next_paragraph_opening_with_claimed_is_still_opinion()
    {
        var claims = await Draft("وقال المحلل السياسي سامر داود لموقع محلي إن الحكومة العراقية مترددة.\nوزعم أن بغداد اعتقلت تجارا أردنيين في الشهر الماضي.");

        var claim = Quoting(claims, "وزعم");
        Assert.Equal(("assessment", "opinion"), (claim.Kind, claim.Modality));
    }

    [Fact]
    public async Task An_event_verb_in_what_was_said_makes_the_claim_that_event_reported()
    {
        var claims = await Draft("وقالت وزارة الداخلية الأردنية إن قوات حرس الحدود اعتقلت عشرة مهربين قادمين من العراق.");

        var claim = Assert.Single(claims);
        Assert.Equal(("coercion", "reported"), (claim.Kind, claim.Modality));
    }

    [Fact]
    public async Task What_was_said_without_an_event_verb_stays_the_statement()
    {
        var claims = await Draft("وقالت وزارة الداخلية الأردنية إن المهربين ما زالوا رهن الاعتقال في عمّان بانتظار محاكمتهم أمام القضاء العراقي.");

        Assert.Equal("statement", Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task A_kind_word_after_for_or_prefixed_by_li_is_a_purpose_not_an_event()
    {
        var claims = await Draft("Jordan bought ten boats from Iraq, mostly for patrols along the border.");

        Assert.Equal("procurement", Assert.Single(claims).Kind);
    }

    [Fact]
    public async Task Travelling_with_ones_counterpart_is_a_meeting()
    {
        var claims = await Draft("وسافر رئيس الوزراء العراقي إلى معبر طريبيل مع نظيره الأردني أمس.");

        Assert.Equal("meeting", Assert.Single(claims).Kind);
    }
}
