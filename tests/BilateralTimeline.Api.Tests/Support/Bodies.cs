using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Api.Tests.Support;

/// <summary>Request bodies as a client writes them: plain JSON, nothing from the server's own types.</summary>
public static class Bodies
{
    public const string SourceText = "The two ministers met in Baku on Monday and agreed to reopen the border crossing.";

    public static JsonContent Source(string id) => JsonContent.Create(new JsonObject
    {
        ["dyad"] = "AZE-IRN",
        ["source"] = new JsonObject
        {
            ["id"] = id,
            ["outlet"] = "test wire",
            ["language"] = "en",
            ["title"] = "Ministers meet",
            ["text"] = SourceText,
        },
    });

    /// <summary>A valid claim quoting "The two ministers met in Baku" from <paramref name="sourceId"/>.</summary>
    public static JsonContent Claim(string id, string sourceId) => JsonContent.Create(ClaimJson(id, sourceId));

    public static JsonObject ClaimJson(string id, string sourceId) => new()
    {
        ["dyad"] = "AZE-IRN",
        ["claim"] = new JsonObject
        {
            ["id"] = id,
            ["source"] = sourceId,
            ["kind"] = "meeting",
            ["summary"] = "The foreign ministers met in Baku.",
            ["modality"] = "asserted",
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = 29, ["text"] = "The two ministers met in Baku" }),
            ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
        },
    };

    public static JsonContent Occurrence(string id) => JsonContent.Create(new JsonObject
    {
        ["dyad"] = "AZE-IRN",
        ["occurrence"] = new JsonObject { ["id"] = id, ["title"] = "A test happening " + id },
    });
}
