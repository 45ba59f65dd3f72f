using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>
/// Import files for the confidence and contradiction tests: one occurrence described by claims from
/// several articles, each article citing whichever agency the test names.
/// </summary>
internal static class ConfidenceFiles
{
    public const string Occurrence = "occ-moscow-talks";

    public const string Text = "The foreign ministers met in Moscow on 10 January.";

    /// <summary>One article per claim; <paramref name="claims"/> are (claim id, cited agency or null, reliability, credibility).</summary>
    public static JsonObject Articles(params (string ClaimId, string? Agency, string Reliability, int Credibility)[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["sources"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = "src-" + c.ClaimId,
            ["outlet"] = "Outlet of " + c.ClaimId,
            ["language"] = "en",
            ["title"] = "Ministers meet",
            ["text"] = Text,
        }).ToArray()),
        ["occurrences"] = new JsonArray(new JsonObject { ["id"] = Occurrence, ["title"] = "Foreign ministers meet in Moscow" }),
        ["claims"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.ClaimId,
            ["source"] = "src-" + c.ClaimId,
            ["occurrence"] = Occurrence,
            ["kind"] = "meeting",
            ["summary"] = $"The foreign ministers met in Moscow ({c.ClaimId})",
            ["modality"] = "asserted",
            ["occurred"] = new JsonObject
            {
                ["candidates"] = new JsonArray(new JsonObject { ["from"] = "2023-01-10", ["to"] = "2023-01-10", ["precision"] = "day", ["method"] = "explicit" }),
            },
            ["attribution"] = c.Agency is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["name"] = "Outlet of " + c.ClaimId, ["kind"] = "source" }, new JsonObject { ["name"] = c.Agency, ["kind"] = "agency" }),
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = Text.Length, ["text"] = Text }),
            ["confidence"] = new JsonObject { ["reliability"] = c.Reliability, ["credibility"] = c.Credibility },
        }).ToArray()),
    };

    public static JsonObject Contradicts(JsonObject file, string claimId, string otherId, string field)
    {
        file["relations"] = new JsonArray(new JsonObject { ["type"] = "contradicts", ["claim"] = claimId, ["other"] = otherId, ["field"] = field, ["reason"] = "they disagree on the " + field });
        return file;
    }

    public static JsonObject Corrections(params JsonObject[] corrections) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["claims"] = new JsonArray(),
        ["corrections"] = new JsonArray(corrections.Select(c => (JsonNode)c).ToArray()),
    };

    public static JsonObject Resolve(string claimId, string otherId, string field, string resolution) => new()
    {
        ["type"] = "resolve-contradiction",
        ["claim"] = claimId,
        ["other"] = otherId,
        ["field"] = field,
        ["resolution"] = resolution,
        ["reason"] = "a third source settles it",
    };

    public static JsonObject Retract(string claimId) => new() { ["type"] = "retract", ["claim"] = claimId, ["reason"] = "the outlet withdrew the story" };
}
