using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class LedgerViewFoldTests
{
    private static readonly DateTimeOffset Recorded = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LedgerEnvelope At(long position, ILedgerEvent e) => new(e, position, position - 1, Guid.NewGuid(), Recorded, "tester");

    private static readonly ILedgerEvent[] History =
    [
        new SourceRegistered("s1", "outlet", "ar", "title", null, UncertainTime.Unknown, null, "نص", SourceText.Sha256Hex("نص")),
        new ClaimRecorded("c1", "s1", "meeting", "a meeting", Modality.Asserted, [], null, UncertainTime.Unknown, [], [new Quote(0, 2, "نص")], new Confidence(Reliability.B, 2), [], null),
        new ClaimRecorded("c2", "s1", "visit", "a visit", Modality.Reported, [], null, UncertainTime.Unknown, [], [new Quote(0, 2, "نص")], new Confidence(Reliability.C, 3), [], null),
        new ConfidenceRevised("c1", new Confidence(Reliability.B, 2), new Confidence(Reliability.A, 1), "confirmed"),
        new ClaimsContradicted("c1", "c2", "date", "they disagree"),
        new ClaimRetracted("c2", "wrong"),
    ];

    [Fact]
    public void Applying_an_event_leaves_the_earlier_view_unchanged()
    {
        // Given a view of the first three events
        var before = History.Take(3).Select((e, i) => At(i + 1, e)).Aggregate(LedgerView.Create(), LedgerView.Apply);

        // When the retraction of c2 is applied
        var after = LedgerView.Apply(before, At(4, new ClaimRetracted("c2", "wrong")));

        // Then only the new view knows about it
        Assert.False(before.Claims["c2"].Retracted);
        Assert.True(after.Claims["c2"].Retracted);
        Assert.Equal(3, before.EventCount);
        Assert.Equal(4, after.EventCount);
    }

    [Fact]
    public void Folding_event_by_event_and_folding_into_one_builder_give_the_same_view()
    {
        // Given the whole history as envelopes
        var envelopes = History.Select((e, i) => At(i + 1, e)).ToList();

        // When folded both ways
        var stepByStep = envelopes.Aggregate(LedgerView.Create(), LedgerView.Apply);
        var builder = LedgerView.Create().ToBuilder();
        envelopes.ForEach(e => builder.Apply(e));
        var bulk = builder.ToImmutable();

        // Then they agree on everything a projection reads
        Assert.Equal(stepByStep.LastPosition, bulk.LastPosition);
        Assert.Equal(stepByStep.EventCount, bulk.EventCount);
        foreach (var id in new[] { "c1", "c2" })
        {
            var a = stepByStep.Claims[id];
            var b = bulk.Claims[id];
            Assert.Equal(a.Confidence, b.Confidence);
            Assert.Equal(a.Retracted, b.Retracted);
            Assert.Equal(a.ContradictedBy, b.ContradictedBy);
            Assert.Equal(a.Changes.Select(c => c.What), b.Changes.Select(c => c.What));
        }
        Assert.Equal(new Confidence(Reliability.A, 1), bulk.Claims["c1"].Confidence);
        Assert.Equal(["c2"], bulk.Claims["c1"].ContradictedBy);
        Assert.True(bulk.Claims["c2"].Retracted);
        Assert.Equal(stepByStep.Contradictions, bulk.Contradictions);
    }

    [Fact]
    public void A_builder_kept_between_freezes_holds_no_draft_of_an_untouched_claim()
    {
        // Given a builder that has folded the history and frozen it, as the serve index keeps its head
        var envelopes = History.Select((e, i) => At(i + 1, e)).ToList();
        var builder = LedgerView.Create().ToBuilder();
        envelopes.ForEach(e => builder.Apply(e));
        var frozen = builder.ToImmutable();

        // When one claim is corrected after the freeze, in it and in a builder made from the frozen view
        var correction = At(7, new ConfidenceRevised("c2", new Confidence(Reliability.C, 3), new Confidence(Reliability.B, 2), "second look"));
        var fromView = frozen.ToBuilder();
        var draftsAfterFreeze = builder.Drafts;
        var draftsOfNewBuilder = fromView.Drafts;
        builder.Apply(correction);
        fromView.Apply(correction);

        // Then only the corrected claim has a draft, and both give what the pure step gives
        Assert.Equal(0, draftsAfterFreeze);
        Assert.Equal(0, draftsOfNewBuilder);
        Assert.Equal(1, builder.Drafts);
        Assert.Equal(1, fromView.Drafts);
        var expected = LedgerView.Apply(frozen, correction);
        foreach (var view in new[] { builder.ToImmutable(), fromView.ToImmutable() })
        {
            Assert.Equal(expected.Claims["c2"].Confidence, view.Claims["c2"].Confidence);
            Assert.Equal(expected.Claims["c2"].Changes.Select(c => c.What), view.Claims["c2"].Changes.Select(c => c.What));
            Assert.Same(frozen.Claims["c1"], view.Claims["c1"]);
        }
    }

    [Fact]
    public void A_contradiction_is_recorded_open_with_its_event_and_closed_by_its_resolution()
    {
        // Given the history with c1 and c2 marked as disagreeing on the date (position 5)
        var opened = History.Take(5).Select((e, i) => At(i + 1, e)).Aggregate(LedgerView.Create(), LedgerView.Apply);

        // When the contradiction is resolved, naming the claims the other way round
        var resolved = LedgerView.Apply(opened, At(6, new ContradictionResolved("c2", "c1", "date", "c1's date holds", "a third source")));

        // Then the record opened at 5 is closed at 6, and the claims no longer list each other
        var open = Assert.Single(opened.Contradictions);
        Assert.True(open.IsOpen);
        Assert.Equal(("c1", "c2", "date", 5L), (open.ClaimId, open.OtherClaimId, open.Field, open.Opened.Position));
        var closed = Assert.Single(resolved.Contradictions);
        Assert.Equal(6, closed.Resolved!.Event.Position);
        Assert.Equal("c1's date holds", closed.Resolved.Resolution);
        Assert.Empty(resolved.Claims["c1"].ContradictedBy);
    }
}
