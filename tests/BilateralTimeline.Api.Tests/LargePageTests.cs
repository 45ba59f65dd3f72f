using System.Net;
using System.Threading.RateLimiting;
using BilateralTimeline.Api.Http;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests;

public sealed class LargePageTests
{
    [Fact]
    public async Task Large_pages_take_turns_and_wait_in_line_up_to_the_queue_then_are_refused()
    {
        // Given one large page at a time and one waiting
        using var limiter = LimiterFor("?dyad=AZE-IRN&limit=5000", new ApiSettings { LargePagesAtOnce = 1, LargePagesQueued = 1 });

        // When
        using var first = await limiter.AcquireAsync();
        var second = limiter.AcquireAsync();
        using var third = await limiter.AcquireAsync();

        // Then the second waits for the first, and the third finds the line full
        Assert.True(first.IsAcquired);
        Assert.False(second.IsCompleted, "a second large page was let through while the first was being answered");
        Assert.False(third.IsAcquired, "a third large page was queued beyond the line's length");
        first.Dispose();
        using var secondLease = await second.AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(secondLease.IsAcquired);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?limit=200")]
    [InlineData("?limit=1024")]
    [InlineData("?limit=ten")]
    [InlineData("?limit=-5")]
    public void Pages_of_the_usual_sizes_never_wait(string query)
    {
        using var limiter = LimiterFor(query, new ApiSettings { LargePagesAtOnce = 1, LargePagesQueued = 0 });

        var leases = Enumerable.Range(0, 20).Select(_ => limiter.AttemptAcquire()).ToList();

        Assert.All(leases, lease => Assert.True(lease.IsAcquired, $"a page asked with '{query}' had to wait"));
        leases.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public async Task The_timeline_endpoint_takes_large_pages_in_turn_and_answers_them_all()
    {
        // Given a server where a page of more than 2 items is large, answered one at a time
        await using var server = await ApiServer.StartAsync(new ApiSettings { LargePageItems = 2, LargePagesAtOnce = 1 });
        using var client = server.Client(ApiRole.Consumer);
        var endpoint = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/api/timeline" && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true);
        const string page = "/api/timeline?dyad=AZE-IRN&asOf=2024-06-01&limit=5";
        var alone = await client.GetStringAsync(page);

        // When six ask at once
        var together = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.GetAsync(page)));

        // Then
        Assert.Equal(ApiHost.LargePagePolicy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        Assert.All(together, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in together)
        {
            Assert.Equal(alone, await response.Content.ReadAsStringAsync());
        }
    }

    private static RateLimiter LimiterFor(string query, ApiSettings settings)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/api/timeline";
        http.Request.QueryString = new QueryString(query);
        var partition = new LargePages(settings).GetPartition(http);
        return partition.Factory(partition.PartitionKey);
    }
}
