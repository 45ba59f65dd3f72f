using BilateralTimeline.Application.Features.Sources.ListSources;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class SourceAuditTests
{
    [Fact]
    public async Task The_audit_lists_each_source_with_its_claims_and_their_fate()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        await ledger.ImportAsync("denial.claims.json", Samples.Denial);
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", Samples.Retract("c-closure", "the closure was denied"));

        var audit = await ledger.Mediator.Send(new ListSources("IRN-AZE"));

        Assert.Equal("AZE-IRN", audit.Dyad);
        Assert.Equal(["src-1", "src-2"], audit.Sources.Select(s => s.SourceId));
        var article = audit.Sources[0];
        Assert.Equal(Samples.ArticleSha256, article.Sha256);
        Assert.True(article.TextMatchesHash);
        Assert.Equal(Samples.ArticleText.Length, article.TextLength);
        Assert.Equal(["c-closure", "c-moscow"], article.Claims.Select(c => c.ClaimId));
        var closure = article.Claims[0];
        Assert.Equal("retracted", closure.Fate);
        Assert.Contains(closure.History, h => h.EndsWith("retracted: the closure was denied", StringComparison.Ordinal));
        Assert.Equal("standing", article.Claims[1].Fate);
        Assert.Equal("denial", Assert.Single(audit.Sources[1].Claims).Modality);
    }
}
