using BilateralTimeline.Application.Validation;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class TimelineTests
{
    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    [Fact]
    public async Task An_occurrence_whose_interval_straddles_the_as_of_date_is_listed_as_possibly()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        await ledger.ImportAsync("attack.claims.json", Samples.Attack);

        var timeline = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 1, 24), null));

        var attack = Assert.Single(timeline.Items, i => i.Id == "c-attack");
        Assert.Equal("possibly", attack.Standing);
        Assert.Equal(Day(2023, 1, 20), attack.Earliest);
        Assert.Equal(Day(2023, 1, 27), attack.Latest);
        Assert.Equal("occurred", Assert.Single(timeline.Items, i => i.Id == "occ-moscow").Standing);
    }

    [Fact]
    public async Task Occurrences_that_have_not_happened_by_the_as_of_date_are_absent()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var early = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 1, 15), null));
        var later = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 2, 15), null));

        Assert.Equal(["occ-moscow"], early.Items.Select(i => i.Id));
        Assert.Equal(["occ-moscow", "occ-closure"], later.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Timeline_items_carry_their_claims_and_the_positions_of_the_events_behind_them()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var log = await ledger.LogAsync();

        var timeline = await ledger.Mediator.Send(new GetTimeline(null, Day(2023, 2, 15), null));

        var closure = Assert.Single(timeline.Items, i => i.Id == "occ-closure");
        var claim = Assert.Single(closure.Claims);
        Assert.Equal("c-closure", claim.ClaimId);
        Assert.Equal("B2", claim.Grade);
        Assert.Equal("Example Agency", claim.Outlet);
        Assert.Equal(log.Single(e => e.EventId == claim.EventId).Position, claim.Position);
        // The occurrence, the claim and its link: three events, each one in the log.
        Assert.Equal(3, closure.EventPositions.Count);
        Assert.All(closure.EventPositions, p => Assert.Contains(log, e => e.Position == p));
    }

    [Fact]
    public async Task Known_at_before_a_retraction_shows_the_claim_as_it_was_believed_then()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var beforeRetraction = TestLedger.Start.AddHours(1);
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", Samples.Retract("c-closure", "the closure was denied"));

        var then = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 2, 15), beforeRetraction));
        var now = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 2, 15), null));

        var closureThen = Assert.Single(then.Items, i => i.Id == "occ-closure");
        var closureNow = Assert.Single(now.Items, i => i.Id == "occ-closure");
        Assert.False(closureThen.Retracted);
        Assert.False(Assert.Single(closureThen.Claims).Retracted);
        Assert.True(closureNow.Retracted);
        Assert.True(Assert.Single(closureNow.Claims).Retracted);
        Assert.True(now.LastPosition > then.LastPosition);
        Assert.Equal(beforeRetraction, then.KnownAt);
    }

    [Fact]
    public async Task Known_at_before_anything_was_recorded_is_refused_on_known_at()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var error = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new GetTimeline("AZE-IRN", Day(2023, 2, 15), TestLedger.Start.AddTicks(-10))));

        Assert.Equal("knownAt", Assert.Single(error.Errors).Field);
    }
}
