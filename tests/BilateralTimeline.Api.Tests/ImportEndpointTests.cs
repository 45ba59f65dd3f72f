using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

/// <summary>POST /api/imports records a whole import file (the review page's "Record") all at once or not at all.</summary>
public sealed class ImportEndpointTests
{
    private static JsonObject File(params JsonObject[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["sources"] = new JsonArray(new JsonObject
        {
            ["id"] = "src-import",
            ["outlet"] = "test wire",
            ["language"] = "en",
            ["title"] = "Ministers meet",
            ["text"] = Bodies.SourceText,
        }),
        ["claims"] = new JsonArray(claims),
    };

    private static JsonObject Claim(string id) => Bodies.ClaimJson(id, "src-import")["claim"]!.DeepClone().AsObject();

    [Fact]
    public async Task An_analyst_records_a_file_in_one_append_and_sending_it_again_records_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var head = await server.HeadAsync();

        var response = await analyst.PostAsJsonAsync("/api/imports", File(Claim("c-import-1"), Claim("c-import-2")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(2, (int)result["claims"]!);
        Assert.Equal(1, (int)result["sources"]!);
        Assert.Equal(head + 3, await server.HeadAsync());
        Assert.Equal($"\"{(long)result["streamRevision"]!}\"", response.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/claims/c-import-2/trace?dyad=AZE-IRN")).StatusCode);

        var again = await analyst.PostAsJsonAsync("/api/imports", File(Claim("c-import-1"), Claim("c-import-2")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(head + 3, await server.HeadAsync());
    }

    [Fact]
    public async Task A_file_with_one_bad_claim_records_none_of_it_and_names_the_field()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var bad = Claim("c-bad");
        bad["kind"] = "not-a-kind";
        var head = await server.HeadAsync();

        var response = await analyst.PostAsJsonAsync("/api/imports", File(Claim("c-good"), bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Contains(errors, e => ((string?)e!["field"])!.StartsWith("claims[1].kind", StringComparison.Ordinal));
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task A_proposal_still_marked_proposed_is_refused()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var proposal = Claim("c-proposed");
        proposal["proposed"] = true;
        var head = await server.HeadAsync();

        var response = await analyst.PostAsJsonAsync("/api/imports", File(proposal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("proposed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task A_source_text_file_on_the_server_is_not_read()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);
        var file = File();
        var source = file["sources"]![0]!.AsObject();
        source.Remove("text");
        source["textFile"] = "/etc/passwd";

        var response = await analyst.PostAsJsonAsync("/api/imports", file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("sources[0].textFile", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["field"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ApiRole.Auditor)]
    public async Task An_import_needs_an_analyst_key(ApiRole? role)
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(role);

        var response = await client.PostAsJsonAsync("/api/imports", File(Claim("c-nokey")));

        Assert.Equal(role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
    }
}
