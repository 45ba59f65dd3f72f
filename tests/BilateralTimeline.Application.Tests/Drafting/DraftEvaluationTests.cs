using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Features.Drafts.EvaluateDraft;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>
/// The evaluation's figures are what the issue defines, checked on a hand-made pair and recomputed
/// independently on the samples' analyst files (the figures themselves are reported, not asserted).
/// </summary>
public sealed class DraftEvaluationTests
{
    private const string Text = "Alpha visited Beta. Beta criticised Alpha. Nothing here. Gamma met Delta.";

    private static ClaimDto Claim(string id, string kind, string modality, int start, int end, string? from = null, params AttributionDto[] links) =>
        new(id, "s", null, kind, "x", modality, null, null,
            from is null ? null : new TimeDto(null, null, [new CandidateDto(from, from, "day", "explicit", null, null)], null),
            links, [new QuoteDto(start, end, Text[start..end])], new ConfidenceDto("F", 6, null), null, null);

    private static ImportDocument Doc(params ClaimDto[] claims) => new(null, 1, "AZE-IRN", null, [], [], claims, [], []);

    [Fact]
    public void Each_figure_counts_what_the_issue_defines()
    {
        var analyst = Doc(
            Claim("a1", "visit", "asserted", 0, 18, "2024-01-01"),
            Claim("a2", "criticism", "reported", 20, 41, "2024-01-05", new AttributionDto("Beta", "organisation")),
            Claim("a3", "meeting", "asserted", 57, 72));
        var draft = Doc(
            Claim("p1", "visit", "asserted", 0, 19, "2024-01-01"),
            Claim("p2", "criticism", "asserted", 20, 42, "2024-02-01"),
            Claim("p3", "statement", "asserted", 43, 56));

        var f = DraftEvaluation.Compare(Text, analyst, draft);

        Assert.Equal((3, 3, 2, 2, 2), (f.AnalystClaims, f.Proposals, f.RecalledClaims, f.OverlappingProposals, f.Pairs));
        Assert.Equal(2.0 / 3, f.Recall, 9);
        Assert.Equal(2.0 / 3, f.Precision, 9);
        Assert.Equal(1.0, f.Kind, 9);
        Assert.Equal(0.5, f.Modality, 9);
        Assert.Equal((2, 1), (f.DatedPairs, f.DateAgreements));
        Assert.Equal(0.5, f.Attribution, 9);
        Assert.Null(Assert.Single(f.Rows, r => r.AnalystClaim == "a3").Proposal);
    }

    [Theory]
    [InlineData(SampleArticles.Visit)]
    [InlineData(SampleArticles.Exercise)]
    public async Task The_figures_on_a_sample_match_an_independent_count_over_its_analyst_file(string article)
    {
        await using var ledger = TestLedger.Create();
        var text = SampleArticles.Text(article);
        var analyst = SampleArticles.Analyst(article);

        var result = await ledger.Mediator.Send(new EvaluateDraft(text, analyst));

        var f = result.Figures;
        var analystClaims = analyst.Claims!;
        var proposals = result.Draft.Claims!;
        static bool Overlap(ClaimDto a, ClaimDto b) => a.Quotes!.Any(x => b.Quotes!.Any(y => x.Start < y.End && y.Start < x.End));
        var recalled = analystClaims.Count(a => proposals.Any(p => Overlap(a, p)));
        var overlapping = proposals.Count(p => analystClaims.Any(a => Overlap(a, p)));
        Assert.Equal(analystClaims.Count, f.AnalystClaims);
        Assert.Equal(proposals.Count, f.Proposals);
        Assert.Equal((double)recalled / analystClaims.Count, f.Recall, 9);
        Assert.Equal((double)overlapping / proposals.Count, f.Precision, 9);
        Assert.Equal(analystClaims.Count, f.Rows.Count);
        var pairs = f.Rows.Where(r => r.Proposal is not null).ToList();
        Assert.Equal((double)pairs.Count(r => r.AnalystKind == proposals.Single(p => p.Id == r.Proposal).Kind) / pairs.Count, f.Kind, 9);
        Assert.Equal(analystClaims.Count(a => a.Occurred?.Candidates?.Count > 0 && pairs.Any(r => r.AnalystClaim == a.Id)), f.DatedPairs);
        Assert.All(proposals, p => Assert.True(p.Proposed));
    }
}
