using BilateralTimeline.Application.Features.Corrections.AddActorAlias;
using BilateralTimeline.Application.Features.Corrections.IdentifyActor;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>A cited agency is an origin by entity: its spellings, and the names an alias joins, are one origin.</summary>
public sealed class OriginEntityTests
{
    private static Task<OccurrenceExplanation> ExplainAsync(TestLedger ledger) =>
        ledger.Mediator.Send(new ExplainOccurrence(ConfidenceFiles.Occurrence, "AZE-IRN", new DateOnly(2023, 2, 1), null));

    [Fact]
    public async Task Spellings_of_one_agency_that_normalise_alike_are_one_origin()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "I.R.N.A.", "B", 2)));

        var origin = Assert.Single((await ExplainAsync(ledger)).Confidence.Origins);

        Assert.Equal(["c-1", "c-2"], origin.ClaimIds);
    }

    [Fact]
    public async Task An_alias_makes_the_agencys_full_name_the_same_origin_and_explain_shows_the_entity()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "Islamic Republic News Agency", "B", 2)));
        Assert.Equal(2, (await ExplainAsync(ledger)).Confidence.Origins.Count);

        await ledger.Mediator.Send(new IdentifyActor("AZE-IRN", "act-irna", "IRNA", "tester"));
        await ledger.Mediator.Send(new AddActorAlias("AZE-IRN", "act-irna", "Islamic Republic News Agency", "the agency's full name", "tester"));

        var explanation = await ExplainAsync(ledger);
        Assert.Equal(["c-1", "c-2"], Assert.Single(explanation.Confidence.Origins).ClaimIds);
        var cited = Assert.Single(explanation.Claims, c => c.ClaimId == "c-2").Entities.Last();
        Assert.Equal(("Islamic Republic News Agency", "act-irna", "IRNA"), (cited.Name, cited.ActorId, cited.ActorName));
    }
}
