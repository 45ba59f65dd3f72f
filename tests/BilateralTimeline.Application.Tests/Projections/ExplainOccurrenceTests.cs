using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class ExplainOccurrenceTests
{
    private static readonly DateOnly MidFebruary = new(2023, 2, 15);

    [Fact]
    public async Task An_unknown_occurrence_is_refused_with_near_matches()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new ExplainOccurrence("occ-clos", "AZE-IRN", MidFebruary, null)));

        Assert.Contains("did you mean occ-closure", rejected.For("occurrenceId").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_id_is_not_an_occurrence_id()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new ExplainOccurrence("c-closure", "AZE-IRN", MidFebruary, null)));

        Assert.Contains("no occurrence 'c-closure'", rejected.For("occurrenceId").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contribution_is_the_one_the_state_shows()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var explanation = await ledger.Mediator.Send(new ExplainOccurrence("occ-closure", "AZE-IRN", MidFebruary, null));
        var state = await ledger.Mediator.Send(new GetRelationshipState("AZE-IRN", MidFebruary, null));

        var expected = state.MovedBy.Single(m => m.EntryId == "occ-closure");
        Assert.NotNull(explanation.Contribution);
        Assert.Equal(expected with { ClaimIds = [] }, explanation.Contribution with { ClaimIds = [] });
        Assert.Equal(expected.ClaimIds, explanation.Contribution.ClaimIds);
        Assert.Equal(state.Score, explanation.RelationshipScore);
        Assert.Null(explanation.NotCountedBecause);
        Assert.Equal("Azerbaijan closes its embassy in Tehran", explanation.Title);
        Assert.Equal(["c-closure"], explanation.Claims.Select(c => c.ClaimId));
        Assert.Equal(63, explanation.Confidence.Score);
    }

    [Fact]
    public async Task An_occurrence_after_the_as_of_date_does_not_count_and_says_so()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var explanation = await ledger.Mediator.Send(new ExplainOccurrence("occ-closure", "AZE-IRN", new DateOnly(2023, 1, 20), null));

        Assert.Null(explanation.Contribution);
        Assert.Equal("not-yet", explanation.Standing);
        Assert.StartsWith("it had not yet occurred by 2023-01-20", explanation.NotCountedBecause, StringComparison.Ordinal);
    }
}
