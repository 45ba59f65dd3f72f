using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Claims.Corroboration;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class CollectiveOriginTests
{
    private const int B2 = 63;

    private static Task<OccurrenceExplanation> ExplainAsync(TestLedger ledger) =>
        ledger.Mediator.Send(new ExplainOccurrence(ConfidenceFiles.Occurrence, "AZE-IRN", new DateOnly(2023, 2, 1), null));

    [Fact]
    public async Task Collective_descriptions_are_no_independent_origins_and_explain_says_so()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(
            ("c-1", "IRNA", "B", 2), ("c-2", "Iranian media", "B", 2), ("c-3", "Azerbaijani media", "B", 2), ("c-4", "وسائل إعلام إيرانية", "B", 2)));

        var confidence = (await ExplainAsync(ledger)).Confidence;

        Assert.Equal(B2, confidence.Score);
        Assert.Equal(["IRNA"], confidence.Origins.Select(o => o.Origin));
        Assert.Contains("+0: Iranian media (c-2) is a collective description, not an identified outlet, agency or person: not an independent origin", confidence.Steps);
        Assert.Contains(confidence.Steps, s => s.StartsWith("+0: Azerbaijani media (c-3) is a collective description", StringComparison.Ordinal));
        Assert.Contains(confidence.Steps, s => s.StartsWith("+0: وسائل إعلام إيرانية (c-4) is a collective description", StringComparison.Ordinal));
        Assert.DoesNotContain(confidence.Steps, s => s.StartsWith($"+{Corroboration.Bonus}:", StringComparison.Ordinal));
    }
}
