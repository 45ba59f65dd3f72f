using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Features.Projections.RebuildProjection;

/// <summary>Which top-level fields of two JSON objects differ: enough for a person to see what a rebuild changed.</summary>
internal static class JsonFields
{
    public static IReadOnlyList<string> Differing(string before, string after)
    {
        var a = JsonNode.Parse(before) as JsonObject;
        var b = JsonNode.Parse(after) as JsonObject;
        if (a is null || b is null)
        {
            return before == after ? [] : ["(document)"];
        }
        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(a[k], b[k]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
