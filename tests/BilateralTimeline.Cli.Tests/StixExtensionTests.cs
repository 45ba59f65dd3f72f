using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;
using static BilateralTimeline.Cli.Tests.ExportTests;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// What STIX 2.1 asks beyond the common properties: x-bt-claim as a new SDO of an extension-definition
/// (custom objects are deprecated in 2.1), and derived-from only between two claims.
/// </summary>
public sealed class StixExtensionTests
{
    [Fact]
    public async Task Every_claim_is_a_new_sdo_of_the_extension_definition_the_bundle_carries()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(await Export(bt, "stix")))!;

        Assert.Empty(StixChecker.Check(bundle));
        var objects = bundle["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var definition = Assert.Single(objects, o => (string)o["type"]! == "extension-definition");
        Assert.Equal(["new-sdo"], definition["extension_types"]!.AsArray().Select(t => (string)t!));
        Assert.Contains("x-bt-claim", (string)definition["schema"]!, StringComparison.Ordinal);
        var claims = objects.Where(o => (string)o["type"]! == "x-bt-claim").ToList();
        Assert.NotEmpty(claims);
        Assert.All(claims, c => Assert.Equal("new-sdo", (string)c["extensions"]![(string)definition["id"]!]!["extension_type"]!));
    }

    [Fact]
    public async Task The_checker_refuses_a_claim_without_its_extension_and_a_derived_from_between_two_types()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(await Export(bt, "stix")))!;
        var objects = bundle["objects"]!.AsArray();
        var claims = objects.Where(o => (string)o!["type"]! == "x-bt-claim").Select(o => o!.AsObject()).ToList();
        var report = objects.First(o => (string)o!["type"]! == "report")!;

        claims[0].Remove("extensions");
        claims[1]["extensions"]!.AsObject().First().Value!["extension_type"] = "property-extension";
        objects.Add(new JsonObject
        {
            ["type"] = "relationship", ["spec_version"] = "2.1", ["id"] = "relationship--2f0f8d1e-5a52-4c2e-9a8e-0d0f1f7b1c01",
            ["created"] = "2024-01-01T00:00:00.000Z", ["modified"] = "2024-01-01T00:00:00.000Z",
            ["relationship_type"] = "derived-from", ["source_ref"] = (string)claims[2]["id"]!, ["target_ref"] = (string)report["id"]!,
        });
        var problems = StixChecker.Check(bundle);

        Assert.Contains(problems, p => p.StartsWith((string)claims[0]["id"]!, StringComparison.Ordinal) && p.Contains("not defined by STIX 2.1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith((string)claims[1]["id"]!, StringComparison.Ordinal) && p.Contains("property-extension", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("derived-from joins", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_citing_an_outlet_is_derived_from_that_outlets_own_claim_once_both_describe_one_occurrence()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        // The agency's own article: a-03 (in "test outlet") says Aliyev spoke "according to Azertac".
        var agency = Fixture.Document("z");
        agency["sources"]![0]!["outlet"] = "Azertac";
        agency["claims"]![2]!["attribution"] = new JsonArray(
            new JsonObject { ["name"] = "Azertac", ["kind"] = "outlet" },
            new JsonObject { ["name"] = "Ilham Aliyev", ["kind"] = "speaker" });
        var import = await bt.Bt("import", bt.WriteFile("z.claims.json", agency));
        Assert.True(import.ExitCode == 0, import.ToString());
        var apart = Derivations(JsonNode.Parse(await File.ReadAllTextAsync(await Export(bt, "stix", "apart")))!);

        var link = await bt.Bt("link", "z-03", Fixture.AttackOccurrence("a"), "--reason", "the agency's report of the same statement", "--by", "analyst:test");
        Assert.True(link.ExitCode == 0, link.ToString());
        var bundle = JsonNode.Parse(await File.ReadAllTextAsync(await Export(bt, "stix", "linked")))!;

        Assert.Empty(apart);
        Assert.Empty(StixChecker.Check(bundle));
        var derived = Assert.Single(Derivations(bundle));
        Assert.Equal(("a-03", "z-03"), derived);
    }

    /// <summary>(source claim, target claim) of every derived-from, by claim id.</summary>
    private static List<(string, string)> Derivations(JsonNode bundle)
    {
        var objects = bundle["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();
        var names = objects.Where(o => (string)o["type"]! == "x-bt-claim").ToDictionary(o => (string)o["id"]!, o => (string)o["name"]!);
        return objects
            .Where(o => (string)o["type"]! == "relationship" && (string)o["relationship_type"]! == "derived-from")
            .Select(o => (names[(string)o["source_ref"]!], names[(string)o["target_ref"]!]))
            .ToList();
    }
}
