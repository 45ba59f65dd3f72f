using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Cli.Bench.HeavyDyad;

/// <summary>
/// The synthetic ledger's mix written as an analyst's import file and as API bodies: JSON built by
/// hand, so the benchmark goes through the same parsing and validation a user's input does.
/// </summary>
internal static class SyntheticJson
{
    // An import file may not exceed 16 MB; 10,000 events stay near 5 MB.
    private const int EventsPerFile = 10_000;

    public static JsonObject Claim(string id, string source, string? occurrence, string country, int day) => new()
    {
        ["id"] = id,
        ["source"] = source,
        ["occurrence"] = occurrence,
        ["kind"] = "statement",
        ["summary"] = $"Synthetic claim {id}",
        ["modality"] = "reported",
        ["actors"] = new JsonArray(new JsonObject { ["name"] = "Synthetic Minister", ["role"] = "speaker", ["country"] = country, ["title"] = "Minister of Defence", ["level"] = "minister" }),
        ["occurred"] = new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject
            {
                ["from"] = new DateOnly(2015, 1, 1).AddDays(day % 4000).ToString("yyyy-MM-dd"),
                ["to"] = new DateOnly(2015, 1, 1).AddDays((day % 4000) + 1).ToString("yyyy-MM-dd"),
                ["precision"] = "day",
                ["method"] = "explicit",
            }),
        },
        ["attribution"] = new JsonArray(new JsonObject { ["name"] = "Synthetic Wire", ["kind"] = "source" }),
        ["quotes"] = new JsonArray(new JsonObject { ["start"] = 6, ["end"] = 18, ["text"] = SyntheticLedger.Text[6..18] }),
        ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 },
    };

    /// <summary>
    /// Import files holding <paramref name="events"/> events in blocks of ten (an occurrence, four
    /// claims of which three name it, a corroboration, a confidence revision) after one source per file.
    /// Ids start with <paramref name="prefix"/>, so every run imports something new.
    /// </summary>
    public static IReadOnlyList<string> WriteImportFiles(string folder, string prefix, DyadId dyad, long events)
    {
        var files = new List<string>();
        for (long written = 0, part = 0; written < events; part++)
        {
            var inFile = Math.Min(EventsPerFile, events - written);
            var source = $"{prefix}-src{part}";
            var occurrences = new JsonArray();
            var claims = new JsonArray();
            var relations = new JsonArray();
            var corrections = new JsonArray();
            var count = 1L;
            for (var block = 0; count < inFile; block++)
            {
                var occurrence = $"{prefix}-o{part}-{block}";
                occurrences.Add(new JsonObject { ["id"] = occurrence, ["title"] = $"synthetic occurrence {occurrence}" });
                count++;
                for (var slot = 1; slot <= 4 && count < inFile; slot++)
                {
                    // Each linked claim is two events (the claim and its link); the fourth stands alone.
                    var linked = slot <= 3 && count + 1 < inFile;
                    claims.Add(Claim($"{prefix}-c{part}-{block}-{slot}", source, linked ? occurrence : null, dyad.First, (block * 7) + slot));
                    count += linked ? 2 : 1;
                }
                if (count < inFile && claims.Count >= 2)
                {
                    relations.Add(new JsonObject { ["type"] = "corroborates", ["claim"] = (string?)claims[^1]!["id"], ["other"] = (string?)claims[^2]!["id"], ["reason"] = "same wording" });
                    count++;
                }
                if (count < inFile)
                {
                    corrections.Add(new JsonObject { ["type"] = "revise-confidence", ["claim"] = (string?)claims[^1]!["id"], ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 1 }, ["reason"] = "corroborated elsewhere" });
                    count++;
                }
            }
            var document = new JsonObject
            {
                ["formatVersion"] = 1,
                ["dyad"] = dyad.ToString(),
                ["recordedBy"] = "bt bench",
                ["sources"] = new JsonArray(new JsonObject
                {
                    ["id"] = source,
                    ["outlet"] = "Synthetic Wire",
                    ["language"] = "ar",
                    ["title"] = "Synthetic article",
                    ["text"] = SyntheticLedger.Text,
                }),
                ["occurrences"] = occurrences,
                ["claims"] = claims,
                ["relations"] = relations,
                ["corrections"] = corrections,
            };
            var path = Path.Combine(folder, $"{prefix}-{part:D3}.claims.json");
            File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
            files.Add(path);
            written += inFile;
        }
        return files;
    }
}
