using System.Text.Json.Nodes;
using BilateralTimeline.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BilateralTimeline.Api.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_parses_and_lists_every_endpoint()
    {
        await using var server = await ApiServer.StartAsync(importSamples: false);
        using var anonymous = server.Client();

        var text = await anonymous.GetStringAsync("/openapi/v1.json");
        var document = JsonNode.Parse(text)!.AsObject();

        // Microsoft.OpenApi reads the document and runs its validation rules; it must report nothing.
        var read = await Microsoft.OpenApi.OpenApiDocument.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "json");
        Assert.NotNull(read.Document);
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0, string.Join("; ", read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        Assert.Equal(document["paths"]!.AsObject().Count, read.Document!.Paths.Count);

        Assert.StartsWith("3.", (string?)document["openapi"]);
        Assert.False(string.IsNullOrEmpty((string?)document["info"]!["title"]));
        var paths = document["paths"]!.AsObject();
        var endpoints = server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("/openapi", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} endpoints found");
        foreach (var (path, method) in endpoints)
        {
            Assert.True(paths.ContainsKey(path), $"{path} is not in the OpenAPI document");
            var operation = paths[path]![method];
            Assert.True(operation is JsonObject, $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
            Assert.True(operation!["responses"] is JsonObject { Count: > 0 }, $"{method.ToUpperInvariant()} {path} documents no response");
        }
        foreach (var required in new[] { "/api/timeline", "/api/state", "/api/claims", "/api/claims/{claimId}/trace", "/api/sources/{sourceId}/text", "/api/corrections/redate", "/events", "/projections/{name}/changes", "/health" })
        {
            Assert.True(paths.ContainsKey(required), $"{required} missing");
        }
    }
}
