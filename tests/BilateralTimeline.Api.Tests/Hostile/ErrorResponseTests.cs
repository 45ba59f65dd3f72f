using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;
using Microsoft.Extensions.Logging;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>Every error is problem+json in our words: unknown routes, wrong methods, bodies and parameters the framework cannot bind.</summary>
public sealed class ErrorResponseTests
{
    [Theory]
    [InlineData("/nothing-here")]
    [InlineData("/api/no-such-resource")]
    [InlineData("/js/no-such-script.js")]
    public async Task An_unknown_route_gets_404_problem_json_saying_where_the_api_is(string path)
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(404, (int?)problem["status"]);
        Assert.Contains("/openapi/v1.json", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_wrong_method_gets_405_problem_json_with_Allow_and_the_store_is_byte_identical()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        using var analyst = server.Client(ApiRole.Analyst);
        var before = await StoreSnapshot.TakeAsync(server);

        var delete = await analyst.DeleteAsync("/api/state");
        var put = await analyst.PutAsync("/api/occurrences", Bodies.Occurrence("occ-put"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
        Assert.Contains("GET", delete.Content.Headers.Allow);
        Assert.Contains("POST", put.Content.Headers.Allow);
        Assert.Contains("does not answer DELETE", (string?)(await delete.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server));
    }

    public static TheoryData<string, string, string?, string, int, string> BadRequests => new()
    {
        // name, path, body (null: none), content type, status, the field named
        { "wrong type for an object", "/api/claims", "{\"claim\":5}", "application/json", 400, "claim" },
        { "wrong type inside a record", "/api/claims", "{\"claim\":{\"id\":5}}", "application/json", 400, "claim.id" },
        { "no body", "/api/claims", null, "application/json", 400, "" },
        // Regression: the corrections' and actors' shared write helper passed an empty body on as null (500).
        { "no body for a correction", "/api/corrections/retract", null, "application/json", 400, "" },
        { "no body for an actor write", "/api/actors/identify", null, "application/json", 400, "" },
        { "not JSON", "/api/sources", "{\"source\": nope}", "application/json", 400, "source" },
        { "text/plain body", "/api/occurrences", "hello", "text/plain", 415, "" },
        { "wrong type for a number", "/api/corrections/revise", "{\"claimId\":\"c000-01\",\"reliability\":\"B\",\"credibility\":\"two\",\"reason\":\"x\"}", "application/json", 400, "credibility" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_body_the_framework_cannot_bind_is_explained_without_dotnet_names_and_nothing_is_recorded(string name, string path, string? body, string contentType, int status, string field)
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        using var analyst = server.Client(ApiRole.Analyst);
        var before = await StoreSnapshot.TakeAsync(server);
        var content = new StringContent(body ?? "", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (body is null)
        {
            content.Headers.ContentLength = 0;
        }

        var response = await analyst.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertOurWording(text);
        if (field.Length > 0)
        {
            var errors = JsonNode.Parse(text)!["errors"]!.AsArray();
            Assert.Contains(errors, e => (string?)e!["field"] == field);
        }
        Assert.Equal(before, await StoreSnapshot.TakeAsync(server));
    }

    [Theory]
    [InlineData("/events?after=abc", "after", "'abc' is not a whole number")]
    [InlineData("/api/events?from=x", "from", "'x' is not a whole number")]
    [InlineData("/projections/state/changes?after=1.5", "after", "'1.5' is not a whole number")]
    public async Task A_query_parameter_of_the_wrong_type_names_the_parameter_in_our_words(string path, string field, string message)
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client(ApiRole.Consumer);

        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertOurWording(text);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(field, (string?)problem["errors"]![0]!["field"]);
        Assert.Equal(message, (string?)problem["errors"]![0]!["message"]);
        Assert.DoesNotContain("recorded", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_refused_read_is_worded_as_a_read_and_a_refused_write_says_nothing_was_recorded()
    {
        await using var server = await ApiServer.StartAsync(new ApiSettings { RunProjections = false });
        using var analyst = server.Client(ApiRole.Analyst);

        var read = (await (await analyst.GetAsync("/api/state?asOf=2023-13-45")).Content.ReadFromJsonAsync<JsonObject>())!;
        var write = (await (await analyst.PostAsync("/api/corrections/retract", JsonContent.Create(new { claimId = "c000-01" }))).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("The query was refused", (string?)read["title"]);
        Assert.DoesNotContain("recorded", read.ToJsonString());
        Assert.Contains("nothing was recorded", (string?)write["title"]);
    }

    [Fact]
    public async Task Refused_input_is_logged_once_at_information_without_a_stack_trace()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        var logs = LogCapture.On(server);
        using var analyst = server.Client(ApiRole.Analyst);

        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/state?asOf=zz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/events?after=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsync("/api/claims", JsonContent.Create(new { claim = 5 }))).StatusCode);

        var entries = logs.Entries.ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
        Assert.DoesNotContain(entries, e => e.Message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, entries.Count(e => e.Level == LogLevel.Information && e.Message.Contains("refused with 400", StringComparison.Ordinal)));
    }

    private static void AssertOurWording(string text)
    {
        Assert.DoesNotContain("BilateralTimeline.", text);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("Implicit body", text);
        Assert.DoesNotContain("Did you mean", text);
        Assert.DoesNotContain("Nullable", text);
        Assert.DoesNotContain("Failed to bind", text);
    }
}
