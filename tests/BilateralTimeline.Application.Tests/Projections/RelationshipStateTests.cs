using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class RelationshipStateTests
{
    private static readonly DateOnly MidFebruary = new(2023, 2, 15);

    private static Task<RelationshipStateView> StateAsync(TestLedger ledger, DateOnly asOf, DateTimeOffset? knownAt = null) =>
        ledger.Mediator.Send(new GetRelationshipState("AZE-IRN", asOf, knownAt));

    [Fact]
    public async Task A_closed_embassy_is_in_force_and_an_open_crisis_with_the_claims_behind_it()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var state = await StateAsync(ledger, MidFebruary);

        var embassy = Assert.Single(state.InForce);
        Assert.Equal("embassy:AZE@Tehran", embassy.Subject);
        Assert.Equal("closed", embassy.Status);
        Assert.False(embassy.Possibly);
        Assert.Equal(["c-closure"], embassy.ClaimIds);
        Assert.Equal(embassy, Assert.Single(state.OpenCrises));
    }

    [Fact]
    public async Task Before_the_closure_happened_the_embassy_is_not_listed()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var state = await StateAsync(ledger, new DateOnly(2023, 1, 20));

        Assert.Empty(state.InForce);
        Assert.Empty(state.OpenCrises);
    }

    [Fact]
    public async Task Every_contribution_to_the_score_names_its_claims()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var state = await StateAsync(ledger, MidFebruary);

        Assert.NotNull(state.Score);
        Assert.InRange(state.Score.Value, ClaimKinds.Get("reduce-relations").Goldstein, ClaimKinds.Get("meeting").Goldstein);
        Assert.Equal(["c-closure", "c-moscow"], state.MovedBy.SelectMany(m => m.ClaimIds).Order(StringComparer.Ordinal));
        Assert.Equal("reduce-relations", Assert.Single(state.MovedBy, m => m.EntryId == "occ-closure").Kind);
    }

    [Fact]
    public async Task Retracting_a_claim_removes_its_contribution_and_its_effects()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await StateAsync(ledger, MidFebruary);
        ledger.Clock.Advance(TimeSpan.FromDays(1));

        await ledger.ImportAsync("retract.claims.json", Samples.Retract("c-closure", "the closure was denied"));
        var after = await StateAsync(ledger, MidFebruary);

        Assert.Contains(before.MovedBy, m => m.ClaimIds.Contains("c-closure"));
        Assert.DoesNotContain(after.MovedBy, m => m.ClaimIds.Contains("c-closure"));
        // Only the meeting is left, so the score is the meeting's Goldstein weight.
        Assert.Equal(ClaimKinds.Get("meeting").Goldstein, after.Score);
        Assert.True(after.Score > before.Score);
        Assert.Empty(after.InForce);
        Assert.Empty(after.OpenCrises);
        Assert.Equal(1, after.ClaimsRetracted);
        Assert.Equal(0, before.ClaimsRetracted);
    }

    [Fact]
    public async Task Known_at_before_the_retraction_answers_with_what_was_recorded_then()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var original = await StateAsync(ledger, MidFebruary);
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", Samples.Retract("c-closure", "the closure was denied"));

        var then = await StateAsync(ledger, MidFebruary, TestLedger.Start.AddHours(1));
        var now = await StateAsync(ledger, MidFebruary);

        Assert.Equal(original.Score, then.Score);
        Assert.NotEqual(then.Score, now.Score);
        Assert.Equal(["c-closure"], Assert.Single(then.OpenCrises).ClaimIds);
        Assert.Empty(now.OpenCrises);
    }

    [Fact]
    public async Task The_last_high_level_contact_is_the_latest_contact_involving_a_minister()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        await ledger.ImportAsync("visits.claims.json", Samples.Visits);

        var february = await StateAsync(ledger, MidFebruary);
        var december = await StateAsync(ledger, new DateOnly(2022, 12, 15));

        // The consular delegation of 5 February is later but not high-level.
        Assert.NotNull(february.LastHighLevelContact);
        Assert.Equal("occ-moscow", february.LastHighLevelContact.EntryId);
        Assert.Equal(["c-moscow"], february.LastHighLevelContact.ClaimIds);
        Assert.Contains("Jeyhun Bayramov (Foreign Minister)", february.LastHighLevelContact.Actors);
        Assert.NotNull(december.LastHighLevelContact);
        Assert.Equal("c-visit-2022", december.LastHighLevelContact.EntryId);
    }

    [Fact]
    public async Task An_opinion_never_moves_the_score_while_the_same_claim_asserted_does()
    {
        await using var withOpinion = await TestLedger.WithBaselineAsync();
        await using var withAssertion = await TestLedger.WithBaselineAsync();
        var baseline = await StateAsync(withOpinion, MidFebruary);

        await withOpinion.ImportAsync("forecast.claims.json", Samples.Forecast("opinion"));
        await withAssertion.ImportAsync("forecast.claims.json", Samples.Forecast("asserted"));
        var opinion = await StateAsync(withOpinion, MidFebruary);
        var assertion = await StateAsync(withAssertion, MidFebruary);

        Assert.Equal(baseline.Score, opinion.Score);
        Assert.DoesNotContain(opinion.MovedBy, m => m.ClaimIds.Contains("c-forecast"));
        Assert.True(assertion.Score < baseline.Score, $"an asserted threat should lower the score ({assertion.Score} vs {baseline.Score})");
        Assert.Contains(assertion.MovedBy, m => m.ClaimIds.Contains("c-forecast"));
    }
}
