using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

public sealed class ActorsTests
{
    private const string Text = "The president of Ruritania, Rudolf Elphberg, died in a helicopter crash. Officials met.";

    private static readonly DateOnly Later = new(2025, 1, 1);

    [Fact]
    public async Task A_claim_that_vacates_the_office_ends_the_named_presidents_tenure_at_that_claims_time()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-meet", "meeting", "2024-01-10", "2024-01-10", Holder("Rudolf Elphberg", "President of Ruritania")),
            Claim("c-crash", "accident", "2024-05-19", "2024-05-19", Holder("Rudolf Elphberg", "President of Ruritania (killed)"), Vacates("office:RUR-president"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        var office = Assert.Single(view.Offices, o => o.Key == "RUR president");
        var tenure = Assert.Single(office.Holders);
        Assert.Equal("Rudolf Elphberg", tenure.Holder);
        Assert.Equal("c-crash", tenure.Ended?.ClaimId);
        Assert.Equal(new DateOnly(2024, 5, 19), tenure.Ended?.Earliest);
        Assert.Equal(new DateOnly(2024, 1, 10), tenure.From);
        Assert.Equal("c-meet", tenure.FirstSeenClaim);
        Assert.Equal(["c-crash", "c-meet"], tenure.ClaimIds);
        Assert.Empty(view.Findings);
    }

    [Fact]
    public async Task A_later_claim_naming_him_president_in_office_is_a_finding_with_both_claim_ids_and_nothing_is_fixed()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-crash", "accident", "2024-05-19", "2024-05-19", Holder("Rudolf Elphberg", "President of Ruritania"), Vacates("office:RUR-president")),
            Claim("c-late", "meeting", "2024-07-10", "2024-07-10", Holder("Rudolf  Elphberg", "president of Ruritania")),
            Claim("c-mourned", "statement", "2024-07-11", "2024-07-11", Holder("Rudolf Elphberg", "the late President of Ruritania"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        var finding = Assert.Single(view.Findings);
        Assert.Contains("c-late", finding, StringComparison.Ordinal);
        Assert.Contains("c-crash", finding, StringComparison.Ordinal);
        Assert.Contains("after the tenure ended", finding, StringComparison.Ordinal);
        var tenure = Assert.Single(Assert.Single(view.Offices, o => o.Key == "RUR president").Holders);
        Assert.Equal("c-crash", tenure.Ended?.ClaimId);
        Assert.Contains("c-late", tenure.ClaimIds);
        Assert.DoesNotContain("c-mourned", tenure.ClaimIds);
    }

    [Fact]
    public async Task The_timeline_shows_the_tenure_finding_next_to_the_claim_it_is_about()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-crash", "accident", "2024-05-19", "2024-05-19", Holder("Rudolf Elphberg", "President of Ruritania"), Vacates("office:RUR-president")),
            Claim("c-late", "meeting", "2024-07-10", "2024-07-10", Holder("Rudolf Elphberg", "President of Ruritania"))));

        var timeline = await ledger.Mediator.Send(new GetTimeline("RUR-ZEN", Later, null));

        var late = Assert.Single(timeline.Items, i => i.Claims.Any(c => c.ClaimId == "c-late"));
        Assert.Contains(late.Findings, f => f.Contains("after the tenure ended by c-crash", StringComparison.Ordinal));
        Assert.DoesNotContain(Assert.Single(timeline.Items, i => i.Claims.Any(c => c.ClaimId == "c-crash")).Findings, f => f.Contains("tenure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_that_may_fall_after_an_uncertain_end_is_a_possibly_after_finding()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-crash", "accident", "2024-05-01", "2024-06-30", Holder("Rudolf Elphberg", "President of Ruritania"), Vacates("office:RUR-president")),
            Claim("c-june", "meeting", "2024-06-15", "2024-06-15", Holder("Rudolf Elphberg", "President of Ruritania"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        var finding = Assert.Single(view.Findings);
        Assert.Contains("c-june", finding, StringComparison.Ordinal);
        Assert.Contains("possibly after the tenure ended by c-crash", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_office_held_by_two_people_in_sequence_lists_both_earliest_first_under_one_normalised_key()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-new", "meeting", "2024-02-01", "2024-02-01", Holder("Fritz von Tarlenheim", "Minister of Defence of Ruritania (General)")),
            Claim("c-old", "visit", "2017-01-01", "2017-12-31", Holder("Colonel Sapt", "Defence Minister")),
            Claim("c-new-2", "statement", "2024-03-01", "2024-03-01", Holder("Fritz von Tarlenheim", "minister  of defence"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        var office = Assert.Single(view.Offices, o => o.Key == "RUR minister of defence");
        Assert.Equal("defence-minister", office.Slug);
        Assert.Equal(["Colonel Sapt", "Fritz von Tarlenheim"], office.Holders.Select(h => h.Holder));
        var current = office.Holders[1];
        Assert.Equal(["c-new", "c-new-2"], current.ClaimIds);
        Assert.Equal("c-new", current.FirstSeenClaim);
        Assert.Equal("c-new-2", current.LastSeenClaim);
        Assert.All(office.Holders, h => Assert.Null(h.Ended));
        Assert.Empty(view.Findings);
    }

    [Fact]
    public async Task Retracting_the_crash_claim_removes_the_tenure_end_but_known_at_before_the_retraction_still_shows_it()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-crash", "accident", "2024-05-19", "2024-05-19", Holder("Rudolf Elphberg", "President of Ruritania"), Vacates("office:RUR-president")),
            Claim("c-late", "meeting", "2024-07-10", "2024-07-10", Holder("Rudolf Elphberg", "President of Ruritania"))));
        var beforeRetraction = TestLedger.Start.AddHours(1);
        ledger.Clock.Advance(TimeSpan.FromDays(1));
        await ledger.ImportAsync("r.claims.json", """{ "formatVersion": 1, "dyad": "RUR-ZEN", "claims": [], "corrections": [ { "type": "retract", "claim": "c-crash", "reason": "the crash report was false" } ] }""");

        var then = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, beforeRetraction));
        var now = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        Assert.Equal("c-crash", Assert.Single(Assert.Single(then.Offices, o => o.Key == "RUR president").Holders).Ended?.ClaimId);
        Assert.Single(then.Findings);
        var tenureNow = Assert.Single(Assert.Single(now.Offices, o => o.Key == "RUR president").Holders);
        Assert.Null(tenureNow.Ended);
        Assert.Equal(["c-late"], tenureNow.ClaimIds);
        Assert.Empty(now.Findings);
    }

    [Fact]
    public async Task As_of_before_the_crash_there_is_no_tenure_end_yet()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-meet", "meeting", "2024-01-10", "2024-01-10", Holder("Rudolf Elphberg", "President of Ruritania")),
            Claim("c-crash", "accident", "2024-05-19", "2024-05-19", Holder("Rudolf Elphberg", "President of Ruritania"), Vacates("office:RUR-president"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", new DateOnly(2024, 3, 1), null));

        var tenure = Assert.Single(Assert.Single(view.Offices, o => o.Key == "RUR president").Holders);
        Assert.Null(tenure.Ended);
        Assert.Equal(["c-meet"], tenure.ClaimIds);
    }

    [Fact]
    public async Task Vacating_an_office_without_naming_its_holder_is_a_finding_not_a_guess()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-meet", "meeting", "2024-01-10", "2024-01-10", Holder("Rudolf Elphberg", "President of Ruritania")),
            Claim("c-vacant", "statement", "2024-05-19", "2024-05-19", Holder("Flavia", "Princess", "person"), Vacates("office:RUR-president"))));

        var view = await ledger.Mediator.Send(new ListActors("RUR-ZEN", Later, null));

        Assert.Null(Assert.Single(Assert.Single(view.Offices, o => o.Key == "RUR president").Holders).Ended);
        Assert.Contains("c-vacant vacates RUR president but names nobody", Assert.Single(view.Findings), StringComparison.Ordinal);
    }

    private static JsonObject Holder(string name, string title, string level = "head-of-state") =>
        new() { ["name"] = name, ["role"] = "participant", ["country"] = "RUR", ["title"] = title, ["level"] = level };

    private static JsonObject Vacates(string subject) =>
        new() { ["subject"] = subject, ["status"] = "vacated", ["crisis"] = false };

    private static JsonObject Claim(string id, string kind, string from, string to, JsonObject actor, JsonObject? effect = null)
    {
        var claim = new JsonObject
        {
            ["id"] = id,
            ["source"] = "src-r",
            ["kind"] = kind,
            ["summary"] = $"{kind} {id}",
            ["modality"] = "asserted",
            ["actors"] = new JsonArray(actor),
            ["occurred"] = new JsonObject
            {
                ["phrase"] = from,
                ["language"] = "en",
                ["candidates"] = new JsonArray(new JsonObject { ["from"] = from, ["to"] = to, ["precision"] = from == to ? "day" : "month", ["method"] = "explicit" }),
            },
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = 13, ["text"] = Text[..13] }),
            ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
        };
        if (effect is not null)
        {
            claim["effects"] = new JsonArray(effect);
        }
        return claim;
    }

    private static JsonObject File(params JsonObject[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "RUR-ZEN",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["id"] = "src-r",
            ["outlet"] = "Strelsau Gazette",
            ["language"] = "en",
            ["title"] = "Crash",
            ["text"] = Text,
        }),
        ["claims"] = new JsonArray(claims),
    };
}
