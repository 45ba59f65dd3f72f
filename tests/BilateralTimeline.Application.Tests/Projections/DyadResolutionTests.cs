using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class DyadResolutionTests
{
    [Fact]
    public async Task A_query_without_a_dyad_uses_the_most_recently_written_one()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        await ledger.ImportAsync("other.claims.json", """{ "formatVersion": 1, "dyad": "TUR-ARM", "claims": [] , "occurrences": [ { "id": "occ-x", "title": "Border talks" } ] }""");

        var timeline = await ledger.Mediator.Send(new GetTimeline(null, new DateOnly(2023, 2, 15), null));

        Assert.Equal("ARM-TUR", timeline.Dyad);
    }

    [Fact]
    public async Task A_foreign_stream_that_only_looks_like_a_dyad_does_not_break_resolving_the_default_dyad()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        // Another program sharing the log wrote a stream whose name merely starts like ours.
        await ledger.Store.AppendAsync("dyad-aze123", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "note/v1", "{}"u8.ToArray(), new EventMetadata("other-tool"))]);

        var timeline = await ledger.Mediator.Send(new GetTimeline(null, new DateOnly(2023, 2, 15), null));

        Assert.Equal("AZE-IRN", timeline.Dyad);
        Assert.NotEmpty(timeline.Items);
    }
}
