using System.Text.Json.Nodes;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// A large file with one bad part anywhere is refused whole, naming that part by its index: the
/// cheap checks that let good parts skip their validator must neither hide a bad one nor shift the
/// index its problem is reported under.
/// </summary>
public sealed class LargeFileRejectionTests
{
    private const string FileName = "large.claims.json";
    private const int Claims = 2_000;

    /// <summary>The denial file with <see cref="Claims"/> copies of its claim, each a new id, every other one linked to an occurrence.</summary>
    private static JsonObject LargeFile()
    {
        var file = Samples.Parse(Samples.Denial);
        var template = Samples.DenialClaim(file);
        var claims = new JsonArray();
        var occurrences = new JsonArray();
        for (var i = 0; i < Claims; i++)
        {
            var claim = template.DeepClone().AsObject();
            claim["id"] = $"c-large-{i}";
            if (i % 2 == 0)
            {
                occurrences.Add(new JsonObject { ["id"] = $"o-large-{i}", ["title"] = $"occurrence {i}" });
                claim["occurrence"] = $"o-large-{i}";
            }
            claims.Add(claim);
        }
        file["claims"] = claims;
        file["occurrences"] = occurrences;
        file["relations"] = new JsonArray(new JsonObject { ["type"] = "corroborates", ["claim"] = "c-large-1", ["other"] = "c-large-2", ["reason"] = "same words" });
        file["corrections"] = new JsonArray(new JsonObject { ["type"] = "revise-confidence", ["claim"] = "c-large-3", ["confidence"] = new JsonObject { ["reliability"] = "B", ["credibility"] = 2 }, ["reason"] = "seen elsewhere" });
        return file;
    }

    [Fact]
    public async Task The_large_file_imports_whole_when_intact()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var result = await ledger.ImportAsync(FileName, LargeFile());

        Assert.Equal(1 + (Claims / 2) + Claims + (Claims / 2) + 2, result.EventsAppended);
    }

    public static TheoryData<string, string, JsonNode?, string> BadParts => new()
    {
        { "claims", "confidence.credibility", 9, $"claims[{Claims - 1}].confidence.credibility" },
        { "claims", "quotes", new JsonArray(), $"claims[{Claims - 1}].quotes" },
        { "claims", "occurred.candidates.0.to", "2023-01-01", $"claims[{Claims - 1}].occurred.candidates[0].to" },
        { "claims", "actors", JsonNode.Parse("""[ { "name": "Bayramov", "role": "speaker", "country": "aze" } ]"""), $"claims[{Claims - 1}].actors[0].country" },
        { "occurrences", "title", " ", $"occurrences[{(Claims / 2) - 1}].title" },
        { "relations", "type", "agrees", "relations[0].type" },
        { "corrections", "confidence.credibility", 0, "corrections[0].confidence.credibility" },
    };

    [Theory]
    [MemberData(nameof(BadParts))]
    public async Task A_bad_last_part_of_a_large_file_is_named_and_nothing_is_stored(string list, string field, JsonNode? value, string path)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = LargeFile();
        Set(file[list]!.AsArray()[^1]!, field, value);

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Equal([path], rejected.Errors.Select(e => e.Field));
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_last_correction_the_ledger_refuses_leaves_nothing_of_a_large_file_stored()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = LargeFile();
        file["corrections"]!.AsArray().Add(new JsonObject { ["type"] = "retract", ["claim"] = "c-nowhere", ["reason"] = "not in the ledger" });

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Equal("corrections[1].claim", Assert.Single(rejected.Errors).Field);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    private static void Set(JsonNode node, string path, JsonNode? value)
    {
        var steps = path.Split('.');
        foreach (var step in steps[..^1])
        {
            node = int.TryParse(step, out var index) ? node[index]! : node[step]!;
        }
        node[steps[^1]] = value?.DeepClone();
    }
}
