using BilateralTimeline.Application.Features.Contradictions.ListContradictions;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class ContradictionsTests
{
    private static async Task<TestLedger> DisputedThenResolvedAsync()
    {
        var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Contradicts(ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "C", 3)), "c-1", "c-2", "date"));
        ledger.Clock.Advance(TimeSpan.FromDays(2));
        await ledger.ImportAsync("resolve.claims.json", ConfidenceFiles.Corrections(ConfidenceFiles.Resolve("c-2", "c-1", "date", "10 January holds")));
        return ledger;
    }

    [Fact]
    public async Task A_resolved_contradiction_lists_both_claims_the_resolution_and_the_events_that_opened_and_closed_it()
    {
        await using var ledger = await DisputedThenResolvedAsync();

        var view = await ledger.Mediator.Send(new ListContradictions("AZE-IRN", null, false));

        var line = Assert.Single(view.Items);
        Assert.Equal(ContradictionsProjection.ResolvedStatus, line.Status);
        Assert.Equal("date", line.Field);
        Assert.Equal(("c-1", "src-c-1", "Outlet of c-1"), (line.Claim.ClaimId, line.Claim.SourceId, line.Claim.Outlet));
        Assert.Equal(("c-2", "src-c-2"), (line.Other.ClaimId, line.Other.SourceId));
        Assert.Equal("they disagree on the date", line.Reason);
        Assert.NotNull(line.Resolved);
        Assert.Equal("10 January holds", line.Resolved.Resolution);
        Assert.True(line.Resolved.Event.Position > line.Opened.Position);
        Assert.NotEqual(line.Opened.EventId, line.Resolved.Event.EventId);
        Assert.Equal((0, 1), (view.Open, view.Resolved));
    }

    [Fact]
    public async Task Known_at_before_the_resolution_shows_the_contradiction_open()
    {
        await using var ledger = await DisputedThenResolvedAsync();

        var then = await ledger.Mediator.Send(new ListContradictions("AZE-IRN", TestLedger.Start.AddHours(1), false));

        var line = Assert.Single(then.Items);
        Assert.Equal(ContradictionsProjection.OpenStatus, line.Status);
        Assert.Null(line.Resolved);
        Assert.Equal((1, 0), (then.Open, then.Resolved));
    }

    [Fact]
    public async Task Open_only_leaves_out_resolved_contradictions()
    {
        await using var ledger = await DisputedThenResolvedAsync();

        var open = await ledger.Mediator.Send(new ListContradictions("AZE-IRN", null, true));

        Assert.Empty(open.Items);
        Assert.Equal(1, open.Resolved);
    }

    [Fact]
    public async Task Resolving_keeps_the_claims_open_lists_in_step_with_the_records()
    {
        await using var ledger = await DisputedThenResolvedAsync();

        var view = await LedgerView.LoadAsync(ledger.Store, Domain.Ledger.DyadId.Parse("AZE-IRN"), null, CancellationToken.None);

        Assert.Empty(view.Claims["c-1"].ContradictedBy);
        Assert.Empty(view.Claims["c-2"].ContradictedBy);
        Assert.False(Assert.Single(view.Contradictions).IsOpen);
    }
}
