using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Time;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

/// <summary>Supersede, resolve, re-date, unlink: understanding changes by new events, never by edits.</summary>
public sealed class RevisingUnderstandingTests
{
    private static ILedgerEvent[] TwoClaims() => [Registered(), Recorded("c-1"), Recorded("c-2", "The embassy was shut")];

    [Fact]
    public void Superseding_a_claim_points_it_at_its_replacement()
    {
        var events = Given(TwoClaims()).When(new SupersedeClaimCommand("c-1", "c-2", "the ministry published the exact wording"));

        Assert.Equal([new ClaimSuperseded("c-1", "c-2", "the ministry published the exact wording")], events);
    }

    [Fact]
    public void Superseding_again_by_the_same_claim_yields_nothing_and_by_another_is_refused()
    {
        var history = TwoClaims().Append(new ClaimSuperseded("c-1", "c-2", "newer")).ToArray();

        Assert.Empty(Given(history).When(new SupersedeClaimCommand("c-1", "c-2", "again")));
        Assert.Equal("claim", Given([.. history, Recorded("c-3", "Closed again")]).Refuses(new SupersedeClaimCommand("c-1", "c-3", "other")).Field);
    }

    [Fact]
    public void A_supersede_cycle_is_refused()
    {
        var history = new ILedgerEvent[] { Registered(), Recorded("c-1"), Recorded("c-2", "b"), Recorded("c-3", "c"), new ClaimSuperseded("c-2", "c-3", "x"), new ClaimSuperseded("c-3", "c-1", "y") };

        var violation = Given(history).Refuses(new SupersedeClaimCommand("c-1", "c-2", "would loop"));

        Assert.Equal("by", violation.Field);
        Assert.Contains("cycle", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_cannot_supersede_itself_nor_be_superseded_once_retracted()
    {
        Assert.Equal("by", Given(TwoClaims()).Refuses(new SupersedeClaimCommand("c-1", "c-1", "self")).Field);
        Assert.Equal("claim", Given([.. TwoClaims(), new ClaimRetracted("c-1", "denied")]).Refuses(new SupersedeClaimCommand("c-1", "c-2", "late")).Field);
    }

    [Fact]
    public void Resolving_an_open_contradiction_records_the_resolution_and_closes_it()
    {
        var history = TwoClaims().Append(new ClaimsContradicted("c-1", "c-2", "date", "Friday or Monday")).ToArray();

        var events = Given(history).When(new ResolveContradictionCommand("c-2", "c-1", "date", "Friday", "the ministry's statement is dated"));

        Assert.Equal([new ContradictionResolved("c-2", "c-1", "date", "Friday", "the ministry's statement is dated")], events);
        Assert.Equal("field", Given([.. history, .. events]).Refuses(new ResolveContradictionCommand("c-1", "c-2", "date", "Friday", "again")).Field);
    }

    [Fact]
    public void Resolving_a_contradiction_that_was_never_marked_is_refused()
    {
        Assert.Equal("field", Given(TwoClaims()).Refuses(new ResolveContradictionCommand("c-1", "c-2", "motive", "x", "y")).Field);
    }

    [Fact]
    public void Redating_keeps_the_previous_reading_in_the_event()
    {
        var original = Recorded("c-1").Occurred;
        var picked = new UncertainTime(null, null, [CandidateInterval.Create(new DateOnly(2023, 1, 26), new DateOnly(2023, 1, 26), DatePrecision.Day, ResolutionMethod.AnalystJudgement, reason: "the cable is dated")], []);

        var events = Given(TwoClaims()).When(new RedateClaimCommand("c-1", picked, "the cable is dated"));

        var redated = Assert.IsType<ClaimRedated>(Assert.Single(events));
        Assert.Equal(original.Candidates, redated.Previous.Candidates);
        Assert.Equal(picked, redated.Occurred);
        Assert.Empty(Given([.. TwoClaims(), .. events]).When(new RedateClaimCommand("c-1", picked, "same again")));
    }

    [Fact]
    public void Unlinking_undoes_a_link_and_unlinking_an_unlinked_claim_yields_nothing()
    {
        var history = TwoClaims().Concat<ILedgerEvent>([new OccurrenceIdentified("o-1", "closure"), new ClaimLinked("c-1", "o-1", "same closure")]).ToArray();

        var events = Given(history).When(new UnlinkClaimCommand("c-1", "a different closure"));

        Assert.Equal([new ClaimUnlinked("c-1", "o-1", "a different closure")], events);
        Assert.Empty(Given([.. history, .. events]).When(new UnlinkClaimCommand("c-1", "again")));
        Assert.Single(Given([.. history, .. events]).When(new LinkClaimCommand("c-1", "o-1", "merged back")));
    }
}
