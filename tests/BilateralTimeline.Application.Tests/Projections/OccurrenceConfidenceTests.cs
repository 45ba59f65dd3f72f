using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Claims.Corroboration;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class OccurrenceConfidenceTests
{
    // B2: usually reliable (0.9) × probably true (70) = 63.
    private const int B2 = 63;

    private static Task<OccurrenceExplanation> ExplainAsync(TestLedger ledger, DateTimeOffset? knownAt = null) =>
        ledger.Mediator.Send(new ExplainOccurrence(ConfidenceFiles.Occurrence, "AZE-IRN", new DateOnly(2023, 2, 1), knownAt));

    [Fact]
    public async Task Two_articles_citing_the_same_agency_are_one_origin()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "IRNA", "B", 2)));

        var confidence = (await ExplainAsync(ledger)).Confidence;

        Assert.Equal(B2, confidence.Score);
        var origin = Assert.Single(confidence.Origins);
        Assert.Equal(("IRNA", "agency"), (origin.Origin, origin.Kind));
        Assert.Equal(["c-1", "c-2"], origin.ClaimIds);
        Assert.Equal($"start: c-1 B2 → {B2}", confidence.Steps[0]);
        Assert.Contains(confidence.Steps, s => s.Contains("c-2 share origin IRNA with c-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_different_agencies_are_two_origins_and_the_second_raises_the_score()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "B", 2)));

        var confidence = (await ExplainAsync(ledger)).Confidence;

        Assert.Equal(B2 + Corroboration.Bonus, confidence.Score);
        Assert.Equal(["IRNA", "APA"], confidence.Origins.Select(o => o.Origin));
        Assert.Contains($"+{Corroboration.Bonus}: independent origin APA (c-2)", confidence.Steps);
        Assert.False(confidence.Contested);
    }

    [Fact]
    public async Task Articles_citing_no_agency_count_by_their_source()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", null, "B", 2), ("c-2", null, "B", 2), ("c-3", "IRNA", "B", 2)));

        var confidence = (await ExplainAsync(ledger)).Confidence;

        Assert.Equal(["src-c-1", "src-c-2", "IRNA"], confidence.Origins.Select(o => o.Origin));
        Assert.Equal(B2 + (2 * Corroboration.Bonus), confidence.Score);
    }

    [Fact]
    public async Task A_corroborating_claim_linked_to_no_occurrence_still_counts_as_an_origin()
    {
        await using var ledger = TestLedger.Create();
        var file = ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "B", 2));
        file["claims"]![1]!.AsObject().Remove("occurrence");
        file["relations"] = new JsonArray(new JsonObject { ["type"] = "corroborates", ["claim"] = "c-2", ["other"] = "c-1", ["reason"] = "APA reports the same talks" });
        await ledger.ImportAsync("articles.claims.json", file);

        var explanation = await ExplainAsync(ledger);

        Assert.Equal(["c-1"], explanation.Claims.Select(c => c.ClaimId));
        Assert.Equal(B2 + Corroboration.Bonus, explanation.Confidence.Score);
        Assert.Contains($"+{Corroboration.Bonus}: independent origin APA (c-2)", explanation.Confidence.Steps);
    }

    [Fact]
    public async Task Corroboration_never_raises_the_score_past_the_cap()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "A", 1), ("c-2", "APA", "A", 1), ("c-3", "Trend", "A", 1)));

        var confidence = (await ExplainAsync(ledger)).Confidence;

        Assert.Equal(Corroboration.Cap, confidence.Score);
    }

    [Fact]
    public async Task An_open_contradiction_on_fact_marks_the_occurrence_contested_and_lowers_its_confidence_until_resolved()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Contradicts(ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "B", 2)), "c-1", "c-2", "fact"));
        var disputed = (await ExplainAsync(ledger)).Confidence;
        ledger.Clock.Advance(TimeSpan.FromDays(1));

        await ledger.ImportAsync("resolve.claims.json", ConfidenceFiles.Corrections(ConfidenceFiles.Resolve("c-1", "c-2", "fact", "both say they met")));
        var settled = (await ExplainAsync(ledger)).Confidence;

        Assert.True(disputed.Contested);
        Assert.Equal(B2 + Corroboration.Bonus - Corroboration.ContestedPenalty, disputed.Score);
        Assert.Contains(disputed.Steps, s => s.StartsWith($"−{Corroboration.ContestedPenalty}: contested — c-1 vs c-2 on fact", StringComparison.Ordinal));
        Assert.False(settled.Contested);
        Assert.Equal(B2 + Corroboration.Bonus, settled.Score);
    }

    [Fact]
    public async Task A_retraction_removes_the_claims_weight_from_the_known_at_of_the_retraction_on()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "A", 1)));
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", ConfidenceFiles.Corrections(ConfidenceFiles.Retract("c-2")));

        var before = (await ExplainAsync(ledger, TestLedger.Start.AddHours(1))).Confidence;
        var after = (await ExplainAsync(ledger)).Confidence;

        // Before: A1 (90) from APA, +10 for IRNA. After: only c-1 is left.
        Assert.Equal(95, before.Score);
        Assert.Equal("start: c-2 A1 → 90", before.Steps[0]);
        Assert.Equal(B2, after.Score);
        Assert.Equal("start: c-1 B2 → 63", after.Steps[1]);
        Assert.StartsWith("ignored: c-2 retracted at #", after.Steps[0], StringComparison.Ordinal);
        Assert.Single(after.Origins);
    }

    [Fact]
    public async Task With_every_claim_retracted_there_is_no_confidence_and_no_contribution()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2)));
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", ConfidenceFiles.Corrections(ConfidenceFiles.Retract("c-1")));

        var explanation = await ExplainAsync(ledger);

        Assert.Null(explanation.Confidence.Score);
        Assert.Null(explanation.Contribution);
        Assert.Equal("all its claims are retracted or superseded", explanation.NotCountedBecause);
    }
}
