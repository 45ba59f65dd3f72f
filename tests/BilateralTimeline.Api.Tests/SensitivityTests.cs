using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Features.Diff.DiffUnderstanding;
using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Sensitivity;
using BilateralTimeline.Application.Serialization;

namespace BilateralTimeline.Api.Tests;

/// <summary>The sensitivity replay through HTTP: the query parameters reach the request's filter, and bad ones are named in the problem.</summary>
public sealed class SensitivityTests
{
    private const string Exercise = "src-002-joint-exercise";

    [Fact]
    public async Task State_timeline_and_diff_without_a_source_answer_what_the_mediator_answers_with_the_filter()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);
        var filter = new ReplayFilter(WithoutSources: [Exercise]);
        var events = await server.Store.ReadAllAsync().ToListAsync();
        var before = events[0].Recorded;
        var after = events[^1].Recorded;
        string Time(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        var plain = JsonNode.Parse(await client.GetStringAsync("/api/state?asOf=2023-02-01"))!;
        var state = JsonNode.Parse(await client.GetStringAsync($"/api/state?asOf=2023-02-01&withoutSource={Exercise}"))!;
        var timeline = JsonNode.Parse(await client.GetStringAsync($"/api/timeline?asOf=2024-06-01&withoutSource={Exercise}&limit=10000"))!;
        var diff = JsonNode.Parse(await client.GetStringAsync($"/api/diff?before={Time(before)}&after={Time(after)}&asOf=2023-02-01&withoutSource={Exercise}"))!;

        Assert.True(JsonNode.DeepEquals(Json(await server.Mediator.Send(new GetRelationshipState(null, new DateOnly(2023, 2, 1), null, filter))), state), "state differs from the filtered request's");
        Assert.True(JsonNode.DeepEquals(Json(await server.Mediator.Send(new GetTimeline(null, new DateOnly(2024, 6, 1), null, Limit: 10000, Filter: filter))), timeline), "timeline differs from the filtered request's");
        Assert.True(JsonNode.DeepEquals(Json(await server.Mediator.Send(new DiffUnderstanding(null, before, after, new DateOnly(2023, 2, 1), filter))), diff), "diff differs from the filtered request's");
        Assert.NotEqual((double)plain["score"]!, (double)state["score"]!);
        Assert.DoesNotContain(timeline["items"]!.AsArray().SelectMany(i => i!["claims"]!.AsArray()), c => (string?)c!["sourceId"] == Exercise);
        Assert.DoesNotContain(diff["claims"]!.AsArray(), c => ((string?)c!["claimId"])!.StartsWith("c002-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_origins_and_both_grade_minimums_reach_the_filter()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);

        var timeline = JsonNode.Parse(await client.GetStringAsync("/api/timeline?asOf=2024-06-01&withoutOrigin=al-monitor&withoutOrigin=X%20(formerly%20Twitter)&minReliability=c&minCredibility=3&limit=10000"))!;

        var expected = await server.Mediator.Send(new GetTimeline(null, new DateOnly(2024, 6, 1), null, Limit: 10000, Filter: new ReplayFilter(null, ["al-monitor", "X (formerly Twitter)"], "c", "3")));
        Assert.True(JsonNode.DeepEquals(Json(expected), timeline), "timeline differs from the filtered request's");
        var claims = timeline["items"]!.AsArray().SelectMany(i => i!["claims"]!.AsArray()).ToList();
        Assert.NotEmpty(claims);
        // Article 000 is graded F throughout: below C, so none of its claims remain; nor c002-05/06 (Al-Monitor) or c002-27/28 (X).
        Assert.All(claims, c => Assert.True(((string)c!["grade"]!)[0] <= 'C' && ((string)c["grade"]!)[1] <= '3', (string?)c["grade"]));
        Assert.DoesNotContain(claims, c => (string?)c!["claimId"] is "c002-05" or "c002-06" or "c002-27" or "c002-28");
    }

    [Theory]
    [InlineData("/api/state?minReliability=G", "minReliability", "A (completely reliable)")]
    [InlineData("/api/timeline?minCredibility=0", "minCredibility", "1 (confirmed)")]
    [InlineData("/api/state?withoutSource=src-nope", "withoutSource", "as the source audit lists it")]
    [InlineData("/api/timeline?withoutOrigin=Nobody%20Agency", "withoutOrigin", "as the sensitivity ranking lists it")]
    [InlineData("/api/state?withoutOrigin=", "withoutOrigin[0]", "is empty")]
    [InlineData("/api/diff?after=2030-01-01", "before", "before=2024-06-01")]
    [InlineData("/api/timeline?withoutSource=src%01", "withoutSource[0]", "control character")]
    public async Task Bad_replay_parameters_are_refused_naming_the_parameter_and_the_fix(string url, string field, string fix)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(field, (string?)problem!["errors"]![0]!["field"]);
        Assert.Contains(fix, (string?)problem["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sensitivity_ranks_each_source_and_origin_by_its_replay_with_the_baseline()
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Consumer);

        var report = JsonNode.Parse(await client.GetStringAsync("/api/sensitivity?asOf=2023-02-01"))!;

        var baseline = JsonNode.Parse(await client.GetStringAsync("/api/state?asOf=2023-02-01"))!;
        Assert.Equal((double?)baseline["score"], (double?)report["baselineScore"]);
        Assert.Equal((string?)baseline["band"], (string?)report["baselineBand"]);
        var rows = report["rows"]!.AsArray();
        Assert.Contains(rows, r => (string?)r!["without"] == "source" && (string?)r["name"] == Exercise);
        Assert.Contains(rows, r => (string?)r!["without"] == "origin" && (string?)r["name"] == "Al-Monitor" && (string?)r["originKind"] == "outlet");
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => (int)r!["rank"]!));
        // Band changes first, then the larger moves.
        var keys = rows.Select(r => ((bool)r!["bandChanged"]!, Math.Abs((double?)r["shift"] ?? double.PositiveInfinity))).ToList();
        Assert.Equal(keys.OrderByDescending(k => k.Item1).ThenByDescending(k => k.Item2), keys);
        foreach (var row in rows.Take(4))
        {
            var parameter = (string)row!["without"]! == "source" ? "withoutSource" : "withoutOrigin";
            var replay = JsonNode.Parse(await client.GetStringAsync($"/api/state?asOf=2023-02-01&{parameter}={Uri.EscapeDataString((string)row["name"]!)}"))!;
            Assert.Equal((double?)replay["score"], (double?)row["score"]);
            Assert.Equal((string?)replay["band"], (string?)row["band"]);
        }
    }

    private static JsonNode Json<T>(T value) => JsonNode.Parse(JsonSerializer.Serialize(value, LedgerJson.Indented))!;
}
