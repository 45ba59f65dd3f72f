using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

public sealed class CorrectingClaimsTests
{
    private static readonly Confidence C3 = new(Reliability.C, 3);

    [Fact]
    public void Retracting_a_claim_records_the_retraction_with_its_reason()
    {
        var events = Given(Registered(), Recorded()).When(new RetractClaimCommand("c-1", "the ministry denied it"));

        Assert.Equal([new ClaimRetracted("c-1", "the ministry denied it")], events);
    }

    [Fact]
    public void Replaying_the_same_retraction_yields_no_event_and_a_new_one_is_refused()
    {
        var history = new List<ILedgerEvent> { Registered(), Recorded() };
        var first = Given([.. history]).When(new RetractClaimCommand("c-1", "denied"));
        history.AddRange(first);

        var replayed = Given([.. history]).When(new RetractClaimCommand("c-1", "denied"));
        var another = Given([.. history]).Refuses(new RetractClaimCommand("c-1", "denied again"));

        Assert.Single(first);
        Assert.Empty(replayed);
        Assert.Equal("claim", another.Field);
        Assert.Contains("already retracted", another.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correcting_a_retracted_claim_is_refused()
    {
        var history = new ILedgerEvent[] { Registered(), Recorded("c-1"), Recorded("c-2", "The embassy was shut"), new ClaimRetracted("c-1", "denied") };

        Assert.Equal("claim", Given(history).Refuses(new ReviseConfidenceCommand("c-1", C3, "regraded")).Field);
        Assert.Equal("other", Given(history).Refuses(new MarkCorroborationCommand("c-2", "c-1", "same")).Field);
        Assert.Equal("by", Given(history).Refuses(new SupersedeClaimCommand("c-2", "c-1", "newer")).Field);
    }

    [Fact]
    public void Retracting_an_unknown_claim_is_refused_on_claim()
    {
        var violation = Given(Registered()).Refuses(new RetractClaimCommand("c-404", "denied"));

        Assert.Equal("claim", violation.Field);
    }

    [Fact]
    public void Retracting_without_a_reason_is_refused_on_reason()
    {
        var violation = Given(Registered(), Recorded()).Refuses(new RetractClaimCommand("c-1", " "));

        Assert.Equal("reason", violation.Field);
    }

    [Fact]
    public void Revising_confidence_records_the_previous_and_the_revised_grades()
    {
        var events = Given(Registered(), Recorded()).When(new ReviseConfidenceCommand("c-1", C3, "single source"));

        Assert.Equal([new ConfidenceRevised("c-1", B2, C3, "single source")], events);
    }

    [Fact]
    public void Revising_again_takes_the_previous_grade_from_the_last_revision()
    {
        var state = Given(Registered(), Recorded(), new ConfidenceRevised("c-1", B2, C3, "single source"));
        var a1 = new Confidence(Reliability.A, 1);

        var events = state.When(new ReviseConfidenceCommand("c-1", a1, "confirmed by a second agency"));

        var revised = Assert.IsType<ConfidenceRevised>(Assert.Single(events));
        Assert.Equal(C3, revised.Previous);
        Assert.Equal(a1, revised.Revised);
    }

    [Fact]
    public void Revising_confidence_to_the_current_grade_yields_no_events()
    {
        var events = Given(Registered(), Recorded()).When(new ReviseConfidenceCommand("c-1", new Confidence(Reliability.B, 2), "checked again"));

        Assert.Empty(events);
    }

    [Fact]
    public void Corroborating_a_pair_already_corroborated_in_the_other_order_yields_no_events()
    {
        var state = Given(Registered(), Recorded("c-1"), Recorded("c-2"));

        var first = state.When(new MarkCorroborationCommand("c-1", "c-2", "two agencies"));
        var reversed = Given(Registered(), Recorded("c-1"), Recorded("c-2"), new ClaimsCorroborated("c-1", "c-2", "two agencies"))
            .When(new MarkCorroborationCommand("c-2", "c-1", "two agencies"));

        Assert.Equal([new ClaimsCorroborated("c-1", "c-2", "two agencies")], first);
        Assert.Empty(reversed);
    }

    [Fact]
    public void Contradicting_a_pair_already_contradicted_in_the_other_order_on_the_same_field_yields_no_events()
    {
        var state = Given(Registered(), Recorded("c-1"), Recorded("c-2"), new ClaimsContradicted("c-1", "c-2", "date", "Friday or Saturday"));

        var reversed = state.When(new MarkContradictionCommand("c-2", "c-1", "date", "Friday or Saturday"));
        var otherField = state.When(new MarkContradictionCommand("c-2", "c-1", "motive", "attack or protest"));

        Assert.Empty(reversed);
        Assert.Equal([new ClaimsContradicted("c-2", "c-1", "motive", "attack or protest")], otherField);
    }

    [Fact]
    public void Relating_a_claim_to_itself_is_refused_on_other()
    {
        var state = Given(Registered(), Recorded("c-1"));

        var corroboration = state.Refuses(new MarkCorroborationCommand("c-1", "c-1", "same"));
        var contradiction = state.Refuses(new MarkContradictionCommand("c-1", "c-1", "date", "same"));

        Assert.Equal("other", corroboration.Field);
        Assert.Equal("other", contradiction.Field);
    }

    [Fact]
    public void Relating_to_an_unknown_claim_is_refused_on_other()
    {
        var violation = Given(Registered(), Recorded("c-1")).Refuses(new MarkCorroborationCommand("c-1", "c-9", "two agencies"));

        Assert.Equal("other", violation.Field);
    }
}
