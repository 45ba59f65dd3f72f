using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests;

public sealed class SecurityTests
{
    [Fact]
    public async Task A_request_without_a_key_gets_401_problem_and_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.Client();
        var head = await server.HeadAsync();

        var read = await anonymous.GetAsync("/api/state");
        var write = await anonymous.PostAsync("/api/occurrences", Bodies.Occurrence("occ-anon"));

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", write.Headers.WwwAuthenticate.ToString());
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task An_unknown_key_gets_401()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", "bt_not-a-real-key");

        var response = await client.GetAsync("/api/sources");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Unknown API key", (string?)problem!["title"]);
    }

    [Theory]
    [InlineData(ApiRole.Consumer)]
    [InlineData(ApiRole.Auditor)]
    public async Task Read_only_roles_read_but_get_403_on_writes_and_change_nothing(ApiRole role)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(role);
        var head = await server.HeadAsync();

        var read = await client.GetAsync("/api/state?asOf=2023-02-01");
        var write = await client.PostAsync("/api/corrections/retract", JsonContent.Create(new { claimId = "c000-01", reason = "test" }));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task An_analyst_key_writes_and_the_event_names_the_key_holder()
    {
        await using var server = await ApiServer.StartAsync();
        using var analyst = server.Client(ApiRole.Analyst);

        var response = await analyst.PostAsync("/api/occurrences", Bodies.Occurrence("occ-by-analyst"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await foreach (var last in server.Store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, 1))
        {
            Assert.StartsWith("api:test-analyst", last.Metadata.RecordedBy);
        }
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_nothing_is_recorded()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { MaxRequestBodyBytes = 4096 });
        using var analyst = server.Client(ApiRole.Analyst);
        var head = await server.HeadAsync();
        var huge = new JsonObject { ["dyad"] = "AZE-IRN", ["source"] = new JsonObject { ["id"] = "src-huge", ["outlet"] = "x", ["language"] = "en", ["title"] = "t", ["text"] = new string('a', 10_000) } };

        var response = await analyst.PostAsync("/api/sources", JsonContent.Create(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(head, await server.HeadAsync());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_too()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { MaxRequestBodyBytes = 4096 }, importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);
        var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"dyad\":\"AZE-IRN\",\"source\":{\"id\":\"s\",\"text\":\"" + new string('a', 10_000) + "\"}}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sources") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await analyst.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await server.HeadAsync());
    }

    [Fact]
    public async Task Writes_beyond_the_rate_limit_get_429_with_retry_after()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { WritesPerSecond = 2 }, importSamples: false);
        using var analyst = server.Client(ApiRole.Analyst);

        // A burst: far more writes at once than the bucket holds, however slowly the machine answers them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => analyst.PostAsync("/api/occurrences", Bodies.Occurrence($"occ-rate-{i}"))));
        var statuses = responses.Select(r => r.StatusCode).ToList();

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.NotNull(r.Headers.RetryAfter));
        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) >= 2, string.Join(",", statuses));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.TooManyRequests, $"unexpected {s}"));
    }

    [Fact]
    public async Task Public_read_lets_anonymous_clients_read_but_not_write()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { PublicRead = true });
        using var anonymous = server.Client();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/occurrences", Bodies.Occurrence("occ-x"))).StatusCode);
    }
}
