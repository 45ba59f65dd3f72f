using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

public sealed class WriteTests
{
    [Fact]
    public async Task A_write_with_the_current_revision_succeeds_and_returns_the_new_revision_as_ETag()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var read = await analyst.GetAsync("/api/revision?dyad=AZE-IRN");
        var etag = read.Headers.ETag!.Tag;

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources") { Content = Bodies.Source("src-api-1") };
        request.Headers.IfMatch.ParseAdd(etag);
        var response = await analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var before = long.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"\"{before + 1}\"", response.Headers.ETag!.Tag);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(before + 1, (long)body!["streamRevision"]!);
    }

    [Fact]
    public async Task A_stale_If_Match_gets_412_with_the_current_revision_and_records_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var current = (await analyst.GetFromJsonAsync<JsonObject>("/api/revision"))!["revision"]!.GetValue<long>();
        var head = await server.HeadAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/occurrences") { Content = Bodies.Occurrence("occ-stale") };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{current - 5}\"");
        var response = await analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{current}\"", response.Headers.ETag!.Tag);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(current, (long)problem!["currentRevision"]!);
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task Two_writers_with_the_same_revision_one_wins_the_other_gets_412()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var etag = (await analyst.GetAsync("/api/revision")).Headers.ETag!.Tag;

        async Task<HttpStatusCode> Write(string id)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/occurrences") { Content = Bodies.Occurrence(id) };
            request.Headers.IfMatch.ParseAdd(etag);
            return (await analyst.SendAsync(request)).StatusCode;
        }

        var first = await Write("occ-first");
        var second = await Write("occ-second");

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second);
    }

    [Fact]
    public async Task Concurrent_writes_without_If_Match_all_land_once()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 });
        var head = await server.HeadAsync();

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            using var analyst = server.Client(ApiRole.Analyst);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await analyst.PostAsync("/api/occurrences", Bodies.Occurrence($"occ-w{w}-{i}"))).StatusCode);
            }
            return statuses;
        })).ToList();
        var statuses = (await Task.WhenAll(writers)).SelectMany(s => s).ToList();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(head + 20, await server.HeadAsync());
    }

    [Fact]
    public async Task Eight_concurrent_retracts_of_different_claims_without_If_Match_all_land()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 });
        var head = await server.HeadAsync();
        var claims = Enumerable.Range(1, 8).Select(n => $"c000-{n:00}").ToList();

        var statuses = await Task.WhenAll(claims.Select(claim => Task.Run(async () =>
        {
            using var analyst = server.Client(ApiRole.Analyst);
            return (await analyst.PostAsync("/api/corrections/retract", JsonContent.Create(new { dyad = "AZE-IRN", claimId = claim, reason = "desk review" }))).StatusCode;
        })));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(head + claims.Count, await server.HeadAsync());
    }

    [Fact]
    public async Task Eight_concurrent_retracts_sharing_one_If_Match_exactly_one_lands_the_others_get_412()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 1000 });
        var head = await server.HeadAsync();
        string etag;
        using (var reader = server.Client(ApiRole.Analyst))
        {
            etag = (await reader.GetAsync("/api/revision?dyad=AZE-IRN")).Headers.ETag!.Tag;
        }

        var statuses = await Task.WhenAll(Enumerable.Range(1, 8).Select(n => Task.Run(async () =>
        {
            using var analyst = server.Client(ApiRole.Analyst);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/corrections/retract") { Content = JsonContent.Create(new { dyad = "AZE-IRN", claimId = $"c000-{n:00}", reason = "desk review" }) };
            request.Headers.IfMatch.ParseAdd(etag);
            return (await analyst.SendAsync(request)).StatusCode;
        })));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.Equal(head + 1, await server.HeadAsync());
    }

    [Fact]
    public async Task Validation_failures_are_problem_json_with_the_field_paths_of_the_body()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);
        var body = Bodies.ClaimJson("c-bad", "src-000");
        body["claim"]!["quotes"]![0]!["end"] = 5;
        body["claim"]!["confidence"]!["credibility"] = 9;
        body["claim"]!["modality"] = "rumour";

        var response = await analyst.PostAsync("/api/claims", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fields = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToList();
        Assert.Contains("claim.quotes[0].end", fields);
        Assert.Contains("claim.confidence.credibility", fields);
        Assert.Contains("claim.modality", fields);
    }

    [Fact]
    public async Task A_claim_the_ledger_refuses_names_the_field_that_broke_the_rule()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);

        var response = await analyst.PostAsync("/api/claims", Bodies.Claim("c-orphan", "src-does-not-exist"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToList();
        Assert.All(fields, f => Assert.StartsWith("claim.", f));
    }

    [Fact]
    public async Task An_unknown_field_is_refused_with_its_path()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);
        var body = new JsonObject { ["dyad"] = "AZE-IRN", ["occurrence"] = new JsonObject { ["id"] = "o", ["title"] = "t", ["colour"] = "red" } };

        var response = await analyst.PostAsync("/api/occurrences", JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("occurrence", (string?)problem!["errors"]![0]!["field"]);
        Assert.Contains("colour", problem.ToJsonString());
    }

    [Fact]
    public async Task Source_claim_and_correction_recorded_over_http_show_in_trace_and_source_text()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);

        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/sources", Bodies.Source("src-http"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/claims", Bodies.Claim("c-http-1", "src-http"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync("/api/corrections/retract", JsonContent.Create(new { dyad = "AZE-IRN", claimId = "c-http-1", reason = "test retraction" }))).StatusCode);
        var again = await analyst.PostAsync("/api/claims", Bodies.Claim("c-http-1", "src-http"));

        var trace = await analyst.GetFromJsonAsync<JsonObject>("/api/claims/c-http-1/trace");
        var text = await analyst.GetFromJsonAsync<JsonObject>("/api/sources/src-http/text");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("src-http", (string?)trace!["source"]!["sourceId"]);
        Assert.Contains("test retraction", trace.ToJsonString());
        Assert.Equal(Bodies.SourceText, (string?)text!["text"]);
        Assert.True((bool)text["hashMatches"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync("/api/sources/src-missing/text")).StatusCode);
    }
}
