using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Corrections.MarkContradiction;
using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class ContradictionFieldTests
{
    private const string ClosedList = "date, time, place, actor, count, fact, motive, casualty, attribution";

    /// <summary>c-1 reports the January visit; c-2, another visit (2017), is the clue against its year.</summary>
    private static JsonObject VisitAndEarlierVisit(string field)
    {
        var file = ConfidenceFiles.Contradicts(ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "B", 2)), "c-1", "c-2", field);
        file["occurrences"]!.AsArray().Add(new JsonObject { ["id"] = "occ-2017", ["title"] = "The earlier visit (2017)" });
        file["claims"]![1]!["occurrence"] = "occ-2017";
        return file;
    }

    [Fact]
    public async Task A_contradiction_on_the_visits_year_does_not_mark_the_earlier_visit_contested()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("visits.claims.json", VisitAndEarlierVisit("date"));

        var timeline = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", new DateOnly(2024, 12, 31), null));
        var earlier = await ledger.Mediator.Send(new ExplainOccurrence("occ-2017", "AZE-IRN", new DateOnly(2024, 12, 31), null));

        var visit = timeline.Items.Single(i => i.Id == ConfidenceFiles.Occurrence);
        var other = timeline.Items.Single(i => i.Id == "occ-2017");
        Assert.False(other.Contested);
        Assert.DoesNotContain(other.Findings, f => f.Contains("contested", StringComparison.Ordinal));
        Assert.False(visit.Contested);
        Assert.Contains(visit.Findings, f => f.StartsWith("date contested: c-1 vs c-2", StringComparison.Ordinal));
        Assert.False(earlier.Confidence.Contested);
        Assert.Contains("+0: c-2 is only the evidence in c-1 vs c-2 on date; the contradiction is about c-1", earlier.Confidence.Steps);
    }

    [Fact]
    public async Task A_contradiction_on_fact_still_contests_both_sides()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("visits.claims.json", VisitAndEarlierVisit("fact"));

        var timeline = await ledger.Mediator.Send(new GetTimeline("AZE-IRN", new DateOnly(2024, 12, 31), null));

        Assert.All(timeline.Items, i => Assert.True(i.Contested, i.Id));
    }

    [Fact]
    public async Task The_validators_list_exactly_the_closed_list_of_fields()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "B", 2)));

        var command = await Assert.ThrowsAsync<InputRejectedException>(() => ledger.Mediator.Send(new MarkContradiction("AZE-IRN", "c-1", "c-2", "weekday", "Monday or Saturday", "tester")));
        var import = await ledger.RejectsAsync("typo.claims.json", ConfidenceFiles.Contradicts(ConfidenceFiles.Articles(("c-3", "IRNA", "B", 2), ("c-4", "APA", "B", 2)), "c-3", "c-4", "dtae"));

        Assert.EndsWith($"use one of {ClosedList} (say more with the detail)", command.For("field").Message, StringComparison.Ordinal);
        Assert.Contains($"use one of {ClosedList} (say more in \"detail\")", import.For("relations[0].field").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_free_text_field_reads_onto_the_closed_list_in_both_folds_and_its_resolution_still_applies()
    {
        var time = new UncertainTime(null, null, [], []);
        ClaimRecorded Claim(string id) => new(id, "s", "meeting", id, Modality.Asserted, [], null, time, [], [new Quote(0, 1, "x")], new Confidence(Reliability.B, 2), [], null);
        var events = new Domain.ILedgerEvent[]
        {
            Claim("c1"), Claim("c2"),
            new ClaimsContradicted("c1", "c2", "weekday", "Monday or Saturday"),
            new ContradictionResolved("c1", "c2", "weekday", "Monday", "the officials named fit 2024"),
        };
        var envelopes = events.Select((e, i) => new LedgerEnvelope(e, i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddDays(i), "tester")).ToList();

        var open = LedgerView.Apply(LedgerView.Apply(LedgerView.Apply(LedgerView.Create(), envelopes[0]), envelopes[1]), envelopes[2]);
        var builder = LedgerView.Create().ToBuilder();
        envelopes.ForEach(e => builder.Apply(e));
        var settled = builder.ToImmutable();

        var record = Assert.Single(open.Contradictions);
        Assert.Equal(("date", "weekday"), (record.Field, record.Detail));
        var resolved = Assert.Single(settled.Contradictions);
        Assert.Equal(("date", "Monday"), (resolved.Field, resolved.Resolved?.Resolution));
    }

    [Fact]
    public async Task Diff_lists_a_contradiction_resolved_between_the_two_times()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", ConfidenceFiles.Contradicts(ConfidenceFiles.Articles(("c-1", "IRNA", "B", 2), ("c-2", "APA", "C", 3)), "c-1", "c-2", "date"));
        var before = ledger.Clock.GetUtcNow();
        ledger.Clock.Advance(TimeSpan.FromDays(2));
        await ledger.ImportAsync("resolve.claims.json", ConfidenceFiles.Corrections(ConfidenceFiles.Resolve("c-2", "c-1", "date", "10 January holds")));

        var diff = await ledger.Mediator.Send(new DiffUnderstanding("AZE-IRN", before, ledger.Clock.GetUtcNow(), new DateOnly(2023, 2, 1)));

        var line = Assert.Single(diff.Claims, c => c.Change.Contains("resolved", StringComparison.Ordinal));
        Assert.Equal(("c-1", "contradiction with c-2 on date resolved: 10 January holds"), (line.ClaimId, line.Change));
    }
}
