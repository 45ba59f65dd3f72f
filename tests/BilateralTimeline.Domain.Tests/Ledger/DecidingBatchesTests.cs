using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Sources;
using static BilateralTimeline.Domain.Tests.Ledger.LedgerSpec;

namespace BilateralTimeline.Domain.Tests.Ledger;

public sealed class DecidingBatchesTests
{
    [Fact]
    public void A_batch_collects_every_violation_with_its_index_and_later_commands_see_earlier_ones()
    {
        LedgerCommand[] commands =
        [
            Register(),
            Record("c-1"),
            Record("c-2", source: "src-unknown"),
            new RetractClaimCommand("c-1", "denied"),
            Record("c-3", kind: "no-such-kind"),
            new RetractClaimCommand("c-1", "denied twice in one batch"),
        ];
        var violations = new List<(int Index, string Field)>();

        var events = LedgerDecider.DecideAll(LedgerState.Empty, commands, (i, v) => violations.Add((i, v.Field)));

        Assert.Equal([(2, "source"), (4, "kind"), (5, "claim")], violations);
        Assert.Collection(
            events,
            e => Assert.IsType<SourceRegistered>(e),
            e => Assert.Equal("c-1", Assert.IsType<ClaimRecorded>(e).ClaimId),
            e => Assert.Equal(new ClaimRetracted("c-1", "denied"), e));
    }

    [Fact]
    public void The_state_after_a_batch_is_its_events_folded_onto_the_state_before()
    {
        var events = LedgerDecider.DecideAll(LedgerState.Empty, [Register(), Record("c-1"), Record("c-2"), new RetractClaimCommand("c-1", "denied")], out var after);

        var folded = events.Aggregate(LedgerState.Empty, LedgerState.Evolve);
        Assert.Equal(4, events.Count);
        Assert.Equal(folded.Sources.OrderBy(s => s.Key), after.Sources.OrderBy(s => s.Key));
        Assert.Equal(folded.Claims.OrderBy(c => c.Key), after.Claims.OrderBy(c => c.Key));
        Assert.Equal(folded.Retracted.OrderBy(r => r.Key), after.Retracted.OrderBy(r => r.Key));
        Assert.Equal(folded.CurrentConfidence.OrderBy(c => c.Key), after.CurrentConfidence.OrderBy(c => c.Key));
    }

    [Fact]
    public void A_batch_repeating_a_command_decides_it_once()
    {
        var events = LedgerDecider.DecideAll(LedgerState.Empty, [Register(), Record("c-1"), Register(), Record("c-1")]);

        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void A_batch_without_a_violation_handler_throws_on_the_first_violation()
    {
        var violation = Assert.Throws<DomainRuleViolated>(() => LedgerDecider.DecideAll(LedgerState.Empty, [Record("c-1")]));

        Assert.Equal("source", violation.Field);
    }
}
