using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

/// <summary>POST /api/actors/{identify,alias,merge,unmerge}: the registry's writes, analyst key only, refusals naming the field.</summary>
public sealed class ActorRegistryEndpointTests
{
    [Fact]
    public async Task An_analyst_identifies_an_actor_and_adds_its_arabic_spelling_and_the_actors_view_lists_both_names()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);

        var identified = await analyst.PostAsync("/api/actors/identify", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-aa", name = "Hossein Amir-Abdollahian" }));
        var aliased = await analyst.PostAsync("/api/actors/alias", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-aa", alias = "حسين أمير عبد اللهيان", reason = "the Arabic article's spelling" }));

        Assert.Equal(HttpStatusCode.Created, identified.StatusCode);
        Assert.Equal(HttpStatusCode.Created, aliased.StatusCode);
        var view = (await analyst.GetFromJsonAsync<JsonObject>("/api/actors?dyad=AZE-IRN&asOf=2024-12-31"))!;
        var entity = view["entities"]!.AsArray().Single(e => (string?)e!["actorId"] == "act-aa")!;
        Assert.Equal(["Hossein Amir-Abdollahian", "حسين أمير عبد اللهيان"], entity["names"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task Registry_refusals_name_the_field_and_a_consumer_key_cannot_write()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        using var consumer = server.Client(ApiRole.Consumer);
        await analyst.PostAsync("/api/actors/identify", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-a", name = "Ebrahim Raisi" }));

        var self = await analyst.PostAsync("/api/actors/merge", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-a", intoActorId = "act-a", reason = "r" }));
        var unmerge = await analyst.PostAsync("/api/actors/unmerge", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-a", reason = "r" }));
        var unknown = await analyst.PostAsync("/api/actors/alias", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-zz", alias = "Raeisi", reason = "r" }));
        var noReason = await analyst.PostAsync("/api/actors/alias", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-a", alias = "Raeisi" }));
        var forbidden = await consumer.PostAsync("/api/actors/identify", JsonContent.Create(new { dyad = "AZE-IRN", actorId = "act-b", name = "Someone" }));

        Assert.Equal("into", await Field(self));
        Assert.Equal("actor", await Field(unmerge));
        Assert.Equal("actor", await Field(unknown));
        Assert.Equal("reason", await Field(noReason));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    private static async Task<string?> Field(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"];
    }
}
