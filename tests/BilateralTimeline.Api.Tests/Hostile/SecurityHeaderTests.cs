using System.Net;
using System.Text.RegularExpressions;
using BilateralTimeline.Api.Tests.Support;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.Api.Tests.Hostile;

/// <summary>The page, its scripts, API answers and every kind of error carry the same protective headers.</summary>
public sealed partial class SecurityHeaderTests
{
    [Fact]
    public async Task Every_kind_of_response_carries_the_security_headers()
    {
        await using var server = await ApiServer.StartAsync();
        using var anonymous = server.Client();
        using var auditor = server.Client(ApiRole.Auditor);
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await anonymous.GetAsync("/"),
            ["script"] = await anonymous.GetAsync("/js/main.js"),
            ["stylesheet"] = await anonymous.GetAsync("/css/app.css"),
            ["query"] = await auditor.GetAsync("/api/timeline"),
            ["openapi"] = await anonymous.GetAsync("/openapi/v1.json"),
            ["401"] = await anonymous.GetAsync("/api/state"),
            ["400"] = await auditor.GetAsync("/api/state?asOf=not-a-date"),
            ["403"] = await auditor.PostAsync("/api/occurrences", Bodies.Occurrence("occ-h")),
            ["404"] = await anonymous.GetAsync("/no/such/page"),
            ["405"] = await anonymous.DeleteAsync("/api/state"),
        };

        foreach (var (what, response) in responses)
        {
            var csp = Header(response, "Content-Security-Policy");
            Assert.True(csp.Contains("default-src 'self'", StringComparison.Ordinal), $"{what}: CSP '{csp}'");
            Assert.True(csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal), $"{what}: CSP '{csp}'");
            Assert.True(csp.Contains("script-src 'self'", StringComparison.Ordinal), $"{what}: CSP '{csp}'");
            Assert.False(csp.Contains("unsafe", StringComparison.Ordinal), $"{what}: CSP '{csp}'");
            Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", what);
            Assert.True(Header(response, "Referrer-Policy") == "no-referrer", what);
            Assert.True(Header(response, "X-Frame-Options") == "DENY", what);
        }
        Assert.Equal(HttpStatusCode.OK, responses["page"].StatusCode);
        Assert.Equal(HttpStatusCode.OK, responses["script"].StatusCode);
    }

    [Fact]
    public async Task The_page_needs_nothing_the_policy_refuses_no_inline_script_handler_or_style()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var client = server.Client();

        var html = await client.GetStringAsync("/");

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : "";

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"<[^>]+\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();
}
