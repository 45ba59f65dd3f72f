using BilateralTimeline.Application.Features.Explain.ExplainOccurrence;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using static BilateralTimeline.Application.Tests.TestSupport.TimeFiles;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// Issue 14, items 1 and 2, on real import files in a real SQLite ledger: an occurrence's time is a
/// judgement over its claims, instants are compared in UTC, and re-dating a claim moves the claims
/// whose dates were counted from it.
/// </summary>
public sealed class OccurrenceTimeTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static async Task<TimelineItem> ItemAsync(TestLedger ledger, string id, DateOnly? asOf = null) =>
        (await ledger.Mediator.Send(new GetTimeline("AZE-IRN", asOf ?? AsOf, null))).Items.Single(i => i.Id == id);

    [Fact]
    public async Task A_source_dating_the_crash_to_the_day_sharpens_the_occurrence_instead_of_adding_a_reading()
    {
        await using var ledger = TestLedger.Create();
        // Given an undated article's "last month", read as May or June 2024 (its publication is June or July)
        await ledger.ImportAsync("first.claims.json", Articles(new TimedClaim("c-1", null, "B", 2, Time(("2024-05-01", "2024-05-31", "month"), ("2024-06-01", "2024-06-30", "month")))));
        Assert.Equal("2024-05-01..2024-05-31 | 2024-06-01..2024-06-30", (await ItemAsync(ledger, Crash)).When);

        // When a reliable source dates it 19 May 2024 and a weak one 19 June
        await ledger.ImportAsync("second.claims.json", Articles(
            new TimedClaim("c-2", "IRNA", "A", 1, Time(("2024-05-19", "2024-05-19", "day"))),
            new TimedClaim("c-3", null, "E", 5, Time(("2024-06-19", "2024-06-19", "day")))));

        // Then the occurrence is 19 May (it was "2024-05 | 2024-06 | 2024-05-19 | 2024-06-19" as a union), and the readings it sets aside stay visible
        var item = await ItemAsync(ledger, Crash);
        Assert.Equal("2024-05-19", item.When);
        Assert.Equal("day", item.Precision);
        Assert.Contains(item.Findings, f => f.StartsWith("c-3 reads 2024-06-19, set aside: does not contain the chosen time", StringComparison.Ordinal));
        Assert.Contains(item.Findings, f => f.StartsWith("c-1 reads 2024-06-01..2024-06-30, set aside: another reading of c-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Explain_says_which_claims_support_the_chosen_time_and_which_readings_were_set_aside()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-1", null, "B", 2, Time(("2024-05-01", "2024-05-31", "month"), ("2024-06-01", "2024-06-30", "month"))),
            new TimedClaim("c-2", "IRNA", "A", 1, Time(("2024-05-19", "2024-05-19", "day"))),
            new TimedClaim("c-3", null, "E", 5, Time(("2024-06-19", "2024-06-19", "day")))));

        var explanation = await ledger.Mediator.Send(new ExplainOccurrence(Crash, "AZE-IRN", AsOf, null));

        var judged = Assert.IsType<OccurrenceTimeJudgement>(explanation.TimeJudgement);
        Assert.Equal(["c-1", "c-2"], judged.Supporters);
        Assert.Equal(["c-1", "c-3"], judged.SetAside.Select(s => s.ClaimId));
        Assert.Contains(judged.Steps, s => s.StartsWith("chosen: 2024-05-19, stated by c-2 and allowed by c-1, c-2 (support 153 from 2 origin(s))", StringComparison.Ordinal));
        Assert.Contains(judged.Steps, s => s.StartsWith("set aside: c-3 2024-06-19: does not contain the chosen time (its support 65 from 2 origin(s), against 153 from 2)", StringComparison.Ordinal));
        Assert.Equal("= 2024-05-19", judged.Steps[^1]);
        Assert.Equal("2024-05-19", explanation.When);
    }

    [Fact]
    public async Task Equal_support_for_readings_that_do_not_overlap_keeps_both_and_the_time_stays_contested()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-1", null, "B", 2, Time(("2022-01-22", "2022-01-22", "day"))),
            new TimedClaim("c-2", null, "B", 2, Time(("2024-01-22", "2024-01-22", "day")))));

        var item = await ItemAsync(ledger, Crash);

        Assert.Equal("2022-01-22 | 2024-01-22", item.When);
        Assert.True(item.Contested);
    }

    [Fact]
    public async Task Two_articles_citing_one_agency_do_not_outvote_an_independent_source()
    {
        await using var ledger = TestLedger.Create();
        // B2 (63) twice through IRNA is one origin of 63; the independent A2 source weighs 70.
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-1", "IRNA", "B", 2, Time(("2024-06-01", "2024-06-30", "month"))),
            new TimedClaim("c-2", "IRNA", "B", 2, Time(("2024-06-01", "2024-06-30", "month"))),
            new TimedClaim("c-3", null, "A", 2, Time(("2024-05-19", "2024-05-19", "day")))));

        var item = await ItemAsync(ledger, Crash);

        Assert.Equal("2024-05-19", item.When);
        Assert.Contains(item.Findings, f => f.StartsWith("c-2 reads 2024-06-01..2024-06-30, set aside", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closure_dated_loosely_takes_the_evacuation_day_of_its_occurrence()
    {
        await using var ledger = TestLedger.Create();
        const string closure = "occ-2023-aze-embassy-tehran-closure";
        var closed = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["subject"] = "embassy:AZE@Tehran", ["status"] = "closed", ["crisis"] = true });
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-close", null, "B", 2, Time(("2023-01-27", "2023-02-28", "month")), closure, closed),
            new TimedClaim("c-evacuated", null, "A", 1, Time(("2023-01-29", "2023-01-29", "day")), closure)));

        var state = await ledger.Mediator.Send(new GetRelationshipState("AZE-IRN", new DateOnly(2023, 2, 1), null));

        // It was "closed (possibly)" since 2023-01-27..2023-02-28: the union straddled the date.
        var line = state.InForce.Single(s => s.Subject == "embassy:AZE@Tehran");
        Assert.Equal("closed", line.Status);
        Assert.False(line.Possibly);
        Assert.Equal("2023-01-29", line.Since);
    }

    [Fact]
    public async Task Tehran_and_Baku_clock_times_of_one_instant_agree_and_show_in_UTC()
    {
        await using var ledger = TestLedger.Create();
        const string attack = "occ-2023-01-attack-aze-embassy-tehran";
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-tehran", null, "A", 1, At("2023-01-27", "08:00", "Asia/Tehran"), attack),
            new TimedClaim("c-baku", null, "B", 2, At("2023-01-27", "08:30", "Asia/Baku"), attack)));

        var item = await ItemAsync(ledger, attack);

        Assert.Equal("2023-01-27 08:00 +03:30 (Asia/Tehran) = 2023-01-27 04:30Z", item.When);
        Assert.DoesNotContain(item.Findings, f => f.Contains("time contradiction", StringComparison.Ordinal));
        var explanation = await ledger.Mediator.Send(new ExplainOccurrence(attack, "AZE-IRN", AsOf, null));
        Assert.Contains("instant: c-tehran 08:00 +03:30 Asia/Tehran = c-baku 08:30 +04:00 Asia/Baku → 2023-01-27 04:30Z", explanation.TimeJudgement!.Steps);
    }

    [Fact]
    public async Task A_third_clock_time_an_hour_later_is_a_time_contradiction_not_a_silent_merge()
    {
        await using var ledger = TestLedger.Create();
        const string attack = "occ-2023-01-attack-aze-embassy-tehran";
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-tehran", null, "A", 1, At("2023-01-27", "08:00", "Asia/Tehran"), attack),
            new TimedClaim("c-baku", null, "B", 2, At("2023-01-27", "08:30", "Asia/Baku"), attack),
            new TimedClaim("c-late", null, "C", 3, At("2023-01-27", "09:00", "Asia/Tehran"), attack)));

        var item = await ItemAsync(ledger, attack);

        Assert.Contains(
            "time contradiction: c-late give 09:00 +03:30 Asia/Tehran (2023-01-27 05:30Z), 60 min from c-tehran, c-baku at 08:00 +03:30 Asia/Tehran (2023-01-27 04:30Z), beyond the 30 min their clock times allow.",
            item.Findings);
        // The two agreeing origins outweigh the third: their instant is the reading.
        Assert.Equal("2023-01-27 08:00 +03:30 (Asia/Tehran) = 2023-01-27 04:30Z", item.When);
    }

    [Fact]
    public async Task Re_dating_a_claim_moves_the_claims_counted_from_it()
    {
        await using var ledger = TestLedger.Create();
        const string attack = "occ-2023-01-attack";
        const string relocation = "occ-2024-relocation-announced";
        const string evacuation = "occ-2023-evacuation";
        await ledger.ImportAsync("articles.claims.json", Articles(
            new TimedClaim("c-attack", null, "B", 2, Time(("2023-01-01", "2023-01-31", "month")), attack),
            new TimedClaim("c-relocation", null, "B", 2, Time("after 18 months", "relative-to-claim", "c-attack (the attack)", ("2024-07-01", "2024-07-31", "month")), relocation),
            new TimedClaim("c-evacuation", null, "B", 2, Time("after the attack", "relative-to-claim", "c-attack (the attack)", ("2023-01-01", "2023-01-31", "month")), evacuation)));
        Assert.Equal("2024-07-01..2024-07-31", (await ItemAsync(ledger, relocation)).When);

        await ledger.ImportAsync("redate.claims.json", ConfidenceFiles.Corrections(Redate("c-attack", Time(("2023-03-10", "2023-03-10", "day")))));

        // "after 18 months" is read again from the new anchor; "after the attack" keeps its distance (none) in days.
        var moved = await ItemAsync(ledger, relocation);
        Assert.Equal("2024-09-01..2024-09-30", moved.When);
        Assert.Contains(moved.Findings, f => f.StartsWith("anchored on c-attack, re-dated 2023-01-01..2023-01-31 → 2023-03-10", StringComparison.Ordinal));
        Assert.Equal("2023-03-10", (await ItemAsync(ledger, evacuation)).When);
        // The dependent's history says why it moved, at the re-dating's position.
        var trace = await ledger.Mediator.Send(new Features.Trace.TraceClaim.TraceClaim("c-relocation", "AZE-IRN"));
        Assert.Contains(trace.Events, e => e.What == "re-resolved 2024-07-01..2024-07-31 → 2024-09-01..2024-09-30 (anchored on c-attack, which was re-dated)");
        Assert.Equal("2024-09-01..2024-09-30", trace.Occurred.ToString());
    }
}
