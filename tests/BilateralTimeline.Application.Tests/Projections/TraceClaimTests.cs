using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class TraceClaimTests
{
    [Fact]
    public async Task A_trace_lists_the_recorded_linked_and_retracted_events_with_their_positions()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("retract.claims.json", Samples.Retract("c-closure", "the closure was denied"));
        var aboutClosure = new List<(long Position, Guid EventId, DateTimeOffset Recorded)>();
        await foreach (var recorded in ledger.Store.ReadAllAsync())
        {
            var envelope = LedgerReader.ToEnvelope(recorded)!;
            if (envelope.Event is ClaimRecorded { ClaimId: "c-closure" } or ClaimLinked { ClaimId: "c-closure" } or ClaimRetracted { ClaimId: "c-closure" })
            {
                aboutClosure.Add((envelope.Position, envelope.EventId, envelope.Recorded));
            }
        }

        var trace = await ledger.Mediator.Send(new TraceClaim("c-closure", null));

        Assert.Equal(3, aboutClosure.Count);
        Assert.Equal(aboutClosure, trace.Events.Select(e => (e.Position, e.EventId, e.Recorded)));
        Assert.Equal("claim-recorded", trace.Events[0].What);
        Assert.Equal("linked to occurrence occ-closure", trace.Events[1].What);
        Assert.Equal("retracted", trace.Events[2].What);
        Assert.Equal("the closure was denied", trace.Events[2].Reason);
        Assert.Equal(TestLedger.Start.AddDays(1), trace.Events[2].Recorded);
        Assert.All(trace.Events, e => Assert.Equal("tester", e.RecordedBy));
        Assert.Equal("retracted", trace.Fate);
        Assert.Equal("occ-closure", trace.OccurrenceId);
        Assert.Equal("Azerbaijan closes its embassy in Tehran", trace.OccurrenceTitle);
    }

    [Fact]
    public async Task A_trace_verifies_each_quote_at_its_offsets_and_the_source_hash()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var trace = await ledger.Mediator.Send(new TraceClaim("c-closure", "AZE-IRN"));

        Assert.Equal("src-1", trace.Source.SourceId);
        Assert.Equal(Samples.ArticleSha256, trace.Source.StoredSha256);
        Assert.Equal(Samples.ArticleSha256, trace.Source.ComputedSha256);
        Assert.True(trace.Source.HashMatches);
        var quote = Assert.Single(trace.Quotes);
        Assert.Equal((23, 62), (quote.Start, quote.End));
        Assert.True(quote.MatchesSource);
        Assert.Equal("Baku, 28 January 2023. ", quote.Before);
        Assert.StartsWith(" after the attack on the mission.", quote.After, StringComparison.Ordinal);
        Assert.Equal("B2", trace.CurrentConfidence.Grade);
        Assert.Equal("usually reliable, probably true", trace.ConfidenceInWords);
    }

    [Fact]
    public async Task A_trace_flags_a_stored_quote_and_hash_that_do_not_match_the_source_text()
    {
        // Written past the decider, as a damaged or foreign log might hold it.
        await using var ledger = TestLedger.Create();
        const string text = "The embassy was closed on Friday, the ministry said.";
        ILedgerEvent[] events =
        [
            new SourceRegistered("src-x", "Example Agency", "en", "Embassy", null, UncertainTime.Unknown, null, text, new string('0', 64)),
            new ClaimRecorded("c-x", "src-x", "reduce-relations", "The embassy was closed", Modality.Asserted, [], null, UncertainTime.Unknown, [],
                [new Quote(0, 32, "The embassy was closed on Friday"), new Quote(1, 18, "the ministry said")], new Confidence(Reliability.B, 2), [], null),
        ];
        var data = events.Select(e => new EventData(Guid.NewGuid(), EventTypes.NameOf(e), EventSerializer.Serialize(e), new EventMetadata("tester"))).ToList();
        await ledger.Store.AppendAsync("dyad-azeirn", ExpectedRevision.NoStream, data);

        var trace = await ledger.Mediator.Send(new TraceClaim("c-x", "AZE-IRN"));

        Assert.False(trace.Source.HashMatches);
        Assert.Equal("49a122927e22fd5974c9be364dc36c1da0a5fcc06a1614e90224bd42454a7001", trace.Source.ComputedSha256);
        Assert.Equal([true, false], trace.Quotes.Select(q => q.MatchesSource));
    }

    [Fact]
    public async Task Tracing_an_unknown_claim_is_rejected_on_claim_id_with_near_matches()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var rejected = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new TraceClaim("closure", null)));

        Assert.Contains("c-closure", rejected.For("claimId").Message, StringComparison.Ordinal);
    }
}
