using System.Net;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>HEAD is answered wherever GET is (a monitor or a cache probing with HEAD used to get 405).</summary>
public sealed class HeadRequestTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/js/main.js")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/api/timeline")]
    [InlineData("/api/state?asOf=2023-02-01")]
    [InlineData("/api/sources")]
    [InlineData("/api/sources/src-000-hasanov-visit/text")]
    [InlineData("/api/claims/c000-01/trace")]
    [InlineData("/api/occurrences/occ-hasanov-visit-tehran-22-january/explain")]
    [InlineData("/api/contradictions")]
    [InlineData("/api/actors")]
    [InlineData("/api/verify")]
    [InlineData("/api/events?from=1&max=2")]
    [InlineData("/api/revision")]
    [InlineData("/api/projections")]
    [InlineData("/api/projections/state")]
    [InlineData("/events")]
    [InlineData("/projections/state/changes")]
    public async Task HEAD_answers_like_GET_with_no_body(string path)
    {
        await using var server = await ApiServer.StartAsync();
        using var client = server.Client(ApiRole.Auditor);

        var get = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        get.Dispose();
    }

    [Fact]
    public async Task Every_endpoint_that_answers_GET_also_answers_HEAD()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);

        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var gets = endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true).ToList();

        Assert.True(gets.Count >= 15, $"only {gets.Count} GET endpoints found");
        Assert.All(gets, e => Assert.True(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains("HEAD"), e.RoutePattern.RawText));
    }
}
