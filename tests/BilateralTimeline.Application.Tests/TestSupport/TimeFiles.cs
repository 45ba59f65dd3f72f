using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Tests.TestSupport;

/// <summary>One claim of <see cref="TimeFiles.Articles"/>: who says it, how sure, when, and any status it says something took.</summary>
internal sealed record TimedClaim(string ClaimId, string? Agency, string Reliability, int Credibility, JsonObject Occurred, string Occurrence = TimeFiles.Crash, JsonArray? Effects = null);

/// <summary>
/// Import files for the occurrence time tests: each claim from its own article (so each is its own
/// origin unless it cites an agency another one cites), all about occurrences the test names.
/// </summary>
internal static class TimeFiles
{
    public const string Crash = "occ-2024-05-raisi-helicopter-crash";

    public const string Text = "The president's helicopter came down in fog on the way back from the dams.";

    public static JsonObject Articles(params TimedClaim[] claims) => new()
    {
        ["formatVersion"] = 1,
        ["dyad"] = "AZE-IRN",
        ["sources"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = "src-" + c.ClaimId,
            ["outlet"] = "Outlet of " + c.ClaimId,
            ["language"] = "en",
            ["title"] = "Helicopter crash",
            ["text"] = Text,
        }).ToArray()),
        ["occurrences"] = new JsonArray(claims.Select(c => c.Occurrence).Distinct().Select(o => (JsonNode)new JsonObject { ["id"] = o, ["title"] = "Occurrence " + o }).ToArray()),
        ["claims"] = new JsonArray(claims.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.ClaimId,
            ["source"] = "src-" + c.ClaimId,
            ["occurrence"] = c.Occurrence,
            ["kind"] = "statement",
            ["summary"] = $"The helicopter came down ({c.ClaimId})",
            ["modality"] = "asserted",
            ["occurred"] = c.Occurred.DeepClone(),
            ["attribution"] = c.Agency is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["name"] = "Outlet of " + c.ClaimId, ["kind"] = "source" }, new JsonObject { ["name"] = c.Agency, ["kind"] = "agency" }),
            ["quotes"] = new JsonArray(new JsonObject { ["start"] = 0, ["end"] = Text.Length, ["text"] = Text }),
            ["confidence"] = new JsonObject { ["reliability"] = c.Reliability, ["credibility"] = c.Credibility },
            ["effects"] = c.Effects?.DeepClone() ?? new JsonArray(),
        }).ToArray()),
    };

    /// <summary>A time of one or more readings, each (from, to, precision).</summary>
    public static JsonObject Time(params (string From, string To, string Precision)[] readings) => Time(null, "explicit", null, readings);

    public static JsonObject Time(string? phrase, string method, string? anchor, params (string From, string To, string Precision)[] readings) => new()
    {
        ["phrase"] = phrase,
        ["language"] = "en",
        ["candidates"] = new JsonArray(readings.Select(r => (JsonNode)new JsonObject
        {
            ["from"] = r.From,
            ["to"] = r.To,
            ["precision"] = r.Precision,
            ["method"] = method,
            ["anchor"] = anchor,
        }).ToArray()),
    };

    /// <summary>A clock time given in an IANA zone on a local day.</summary>
    public static JsonObject At(string day, string clock, string zone) => new()
    {
        ["candidates"] = new JsonArray(new JsonObject
        {
            ["from"] = day,
            ["to"] = day,
            ["precision"] = "instant",
            ["method"] = "explicit",
            ["at"] = $"{day}T{clock}",
            ["zone"] = zone,
        }),
    };

    public static JsonObject Redate(string claimId, JsonObject occurred) => new()
    {
        ["type"] = "redate",
        ["claim"] = claimId,
        ["occurred"] = occurred,
        ["reason"] = "a later source gives the exact date",
    };
}
