using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Corrections.AddActorAlias;
using BilateralTimeline.Application.Features.Corrections.IdentifyActor;
using BilateralTimeline.Application.Features.Actors.ListActors;
using BilateralTimeline.Application.Features.Corrections.MergeActors;
using BilateralTimeline.Application.Features.Corrections.UnmergeActors;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>Issue 14 item 3: tenures and findings key on the person, whatever spelling a claim used.</summary>
public sealed class ActorEntitiesTests
{
    private const string Text = "The foreign minister met the envoy. The helicopter crashed in the mountains.";
    private const string Dyad = "IRN-RUR";
    private const string Office = "IRN minister of foreign affairs";

    private static readonly DateOnly Later = new(2025, 1, 1);

    [Fact]
    public async Task Spelling_variants_that_normalise_alike_give_one_holder_of_the_office()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amirabdollahian"),
            Claim("c-mar", "2024-03-05", "2024-03-05", "Hossein Amir-Abdollahian"),
            Claim("c-apr", "2024-04-02", "2024-04-02", "hossein  amir abdollahian")));

        var view = await ledger.Mediator.Send(new ListActors(Dyad, Later, null));

        var tenure = Assert.Single(Assert.Single(view.Offices, o => o.Key == Office).Holders);
        Assert.Equal(["Hossein Amirabdollahian", "Hossein Amir-Abdollahian", "hossein  amir abdollahian"], tenure.Names);
        Assert.Equal(["c-apr", "c-jan", "c-mar"], tenure.ClaimIds);
        Assert.Null(tenure.ActorId);
        var entity = Assert.Single(view.Entities);
        Assert.Equal(tenure.Entity, entity.Entity);
        Assert.Equal(3, entity.SeenAs.Count);
    }

    [Theory]
    [InlineData("Amir-Abdollahian", "amirabdollahian")]
    [InlineData("  Amir Abdollahian ", "amirabdollahian")]
    [InlineData("Ḥasan Rūḥānī", "hasanruhani")]
    [InlineData("أمير عبد اللهيان", "اميرعبداللهيان")]
    [InlineData("إمير عبد اللّهيان", "اميرعبداللهيان")]
    [InlineData("فاطمة", "فاطمه")]
    [InlineData("مصطفى", "مصطفي")]
    [InlineData("علی", "علي")]
    public void Names_normalise_over_case_spacing_hyphens_diacritics_and_arabic_letter_variants(string name, string normal) =>
        Assert.Equal(normal, ActorNames.Normalise(name));

    [Fact]
    public async Task An_alias_joins_the_arabic_and_latin_spellings_that_normalisation_cannot()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amir-Abdollahian"),
            Claim("c-feb", "2024-02-10", "2024-02-10", "حسين أمير عبد اللهيان")));
        Assert.Equal(2, (await Holders(ledger)).Count);

        await Write(ledger, new IdentifyActor(Dyad, "act-aa", "Hossein Amir-Abdollahian", "tester"));
        await Write(ledger, new AddActorAlias(Dyad, "act-aa", "حسين امير عبداللهيان", "Arabic spelling", "tester"));

        var tenure = Assert.Single(await Holders(ledger));
        Assert.Equal("act-aa", tenure.ActorId);
        Assert.Equal("Hossein Amir-Abdollahian", tenure.Holder);
        Assert.Equal(["c-feb", "c-jan"], tenure.ClaimIds);
    }

    [Fact]
    public async Task An_explicit_alias_overrides_normalisation()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amirabdollahian"),
            Claim("c-mar", "2024-03-05", "2024-03-05", "Hossein Amir-Abdollahian")));
        await Write(ledger, new IdentifyActor(Dyad, "act-a", "Hossein Amirabdollahian", "tester"));
        await Write(ledger, new IdentifyActor(Dyad, "act-b", "Amir-Abdollahian the younger", "tester"));
        await Write(ledger, new AddActorAlias(Dyad, "act-b", "Hossein Amir-Abdollahian", "the March article means the cousin", "tester"));

        var holders = await Holders(ledger);

        Assert.Equal(2, holders.Count);
        Assert.Equal(["c-jan"], Assert.Single(holders, h => h.ActorId == "act-a").ClaimIds);
        Assert.Equal(["c-mar"], Assert.Single(holders, h => h.ActorId == "act-b").ClaimIds);
    }

    [Fact]
    public async Task Merge_then_unmerge_shows_what_never_merging_shows()
    {
        await using var merged = TestLedger.Create();
        await using var never = TestLedger.Create();
        foreach (var ledger in new[] { merged, never })
        {
            await ledger.ImportAsync("a.claims.json", File(
                Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amir-Abdollahian"),
                Claim("c-feb", "2024-02-10", "2024-02-10", "حسين أمير عبد اللهيان"),
                Claim("c-crash", "2024-05-19", "2024-05-19", "حسين أمير عبد اللهيان", vacates: true)));
            await Write(ledger, new IdentifyActor(Dyad, "act-latin", "Hossein Amir-Abdollahian", "tester"));
            await Write(ledger, new IdentifyActor(Dyad, "act-arabic", "حسين أمير عبد اللهيان", "tester"));
        }
        var neverView = await merged.Mediator.Send(new ListActors(Dyad, Later, null));

        await Write(merged, new MergeActors(Dyad, "act-arabic", "act-latin", "one minister", "tester"));
        var joined = Assert.Single(await Holders(merged));
        Assert.Equal(["c-crash", "c-feb", "c-jan"], joined.ClaimIds);
        Assert.Equal("c-crash", joined.Ended?.ClaimId);
        await Write(merged, new UnmergeActors(Dyad, "act-arabic", "two people after all", "tester"));

        var after = await merged.Mediator.Send(new ListActors(Dyad, Later, null));
        var control = await never.Mediator.Send(new ListActors(Dyad, Later, null));
        Assert.Equal(Json(control with { LastPosition = 0 }), Json(after with { LastPosition = 0 }));
        Assert.Equal(Json(neverView with { LastPosition = 0 }), Json(after with { LastPosition = 0 }));
        Assert.Equal(2, Assert.Single(after.Offices, o => o.Key == Office).Holders.Count);
    }

    [Fact]
    public async Task Claims_about_the_event_that_ended_the_tenure_are_not_after_it_and_the_sharpest_end_is_kept()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amirabdollahian"),
            Claim("c-may", "2024-05-01", "2024-05-31", "Hossein Amir-Abdollahian", vacates: true, occurrence: "occ-crash"),
            Claim("c-19", "2024-05-19", "2024-05-19", "Hossein Amirabdollahian", vacates: true, occurrence: "occ-crash"),
            Claim("c-20", "2024-05-20", "2024-05-20", "Amir-Abdollahian", occurrence: "occ-crash"),
            Claim("c-july", "2024-07-10", "2024-07-10", "Hossein Amir-Abdollahian")));

        var view = await ledger.Mediator.Send(new ListActors(Dyad, Later, null));

        var tenures = Assert.Single(view.Offices, o => o.Key == Office).Holders;
        var minister = Assert.Single(tenures, t => t.ClaimIds.Contains("c-jan"));
        Assert.Equal("c-19", minister.Ended?.ClaimId);
        Assert.Equal(new DateOnly(2024, 5, 19), minister.Ended?.Latest);
        // Only the July claim, which is about something else, is after the end.
        var finding = Assert.Single(view.Findings);
        Assert.StartsWith("c-july names", finding, StringComparison.Ordinal);
        Assert.Contains("after the tenure ended by c-19", finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_corroborating_the_ending_claim_is_about_the_ending_event_not_after_it()
    {
        await using var ledger = TestLedger.Create();
        var file = File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amirabdollahian"),
            Claim("c-may", "2024-05-01", "2024-05-31", "Hossein Amir-Abdollahian", vacates: true),
            Claim("c-report", "2024-05-20", "2024-05-20", "Hossein Amir-Abdollahian"));
        file["relations"] = new JsonArray(new JsonObject { ["type"] = "corroborates", ["claim"] = "c-report", ["other"] = "c-may", ["reason"] = "the same crash" });
        await ledger.ImportAsync("a.claims.json", file);

        var view = await ledger.Mediator.Send(new ListActors(Dyad, Later, null));

        Assert.Empty(view.Findings);
        Assert.Contains("c-report", Assert.Single(Assert.Single(view.Offices, o => o.Key == Office).Holders).ClaimIds);
    }

    [Fact]
    public async Task An_end_that_disagrees_with_the_sharper_one_kept_is_a_finding()
    {
        await using var ledger = TestLedger.Create();
        await ledger.ImportAsync("a.claims.json", File(
            Claim("c-jan", "2024-01-10", "2024-01-10", "Hossein Amirabdollahian"),
            Claim("c-june", "2024-06-01", "2024-06-30", "Hossein Amir-Abdollahian", vacates: true),
            Claim("c-19", "2024-05-19", "2024-05-19", "Hossein Amirabdollahian", vacates: true)));

        var view = await ledger.Mediator.Send(new ListActors(Dyad, Later, null));

        Assert.Equal("c-19", Assert.Single(Assert.Single(view.Offices, o => o.Key == Office).Holders).Ended?.ClaimId);
        var finding = Assert.Single(view.Findings);
        Assert.Contains("c-june also ends", finding, StringComparison.Ordinal);
        Assert.Contains("disagrees with the sharper end kept from c-19", finding, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<Tenure>> Holders(TestLedger ledger) =>
        Assert.Single((await ledger.Mediator.Send(new ListActors(Dyad, Later, null))).Offices, o => o.Key == Office).Holders;

    private static async Task Write(TestLedger ledger, Features.Corrections.ICorrection correction)
    {
        var result = await ledger.Mediator.Send(correction);
        Assert.Equal(1, result.EventsAppended);
        ledger.Clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static string Json(ActorsView view) => JsonSerializer.Serialize(view, LedgerJson.Options);

    private static JsonObject Claim(string id, string from, string to, string name, bool vacates = false, string? occurrence = null)
    {
        var claim = new JsonObject
        {
            ["id"] = id,
            ["source"] = "src-r",
            ["kind"] = vacates ? "accident" : "meeting",
            ["summary"] = $"claim {id}",
            ["modality"] = "asserted",
            ["actors"] = new JsonArray(new JsonObject { ["name"] = name, ["role"] = "participant", ["country"] = "IRN", ["title"] = "Minister of Foreign Affairs of Iran", ["level"] = "minister" }),
            ["occurred"] = new JsonObject
            {
                ["phrase"] = from,
                ["language"] = "en",
                ["candidates"] = new JsonArray(new JsonObject { ["from"] = from, ["to"] = to, ["precision"] = from == to ? "day" : "month", ["method"] = "explicit" }),
            },
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = 20, ["text"] = Text[..20] }),
            ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
        };
        if (vacates)
        {
            claim["effects"] = new JsonArray(new JsonObject { ["subject"] = "office:IRN-foreign-minister", ["status"] = "vacated", ["crisis"] = false });
        }
        if (occurrence is not null)
        {
            claim["occurrence"] = occurrence;
        }
        return claim;
    }

    private static JsonObject File(params JsonObject[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = Dyad,
        ["sources"] = new JsonArray(new JsonObject { ["id"] = "src-r", ["outlet"] = "Gazette", ["language"] = "en", ["title"] = "Crash", ["text"] = Text }),
        ["occurrences"] = new JsonArray(new JsonObject { ["id"] = "occ-crash", ["title"] = "the helicopter crash" }),
        ["claims"] = new JsonArray(claims),
    };
}
