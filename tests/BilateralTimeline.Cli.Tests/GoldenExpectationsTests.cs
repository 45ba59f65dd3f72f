using System.Text.Json.Nodes;
using BilateralTimeline.Testing.Golden;

namespace BilateralTimeline.Cli.Tests;

/// <summary>The reviewed-difference format of tests/golden/*/expectations.json: only what is listed may differ.</summary>
public sealed class GoldenExpectationsTests
{
    private static readonly JsonNode Golden = JsonNode.Parse("""{"score":1.8,"band":"mixed","movedBy":[{"claimIds":["c1","c2"]}],"lastPosition":140}""")!;

    private static GoldenExpectation Expect(string op, string path, JsonNode? value, string? store = null) =>
        new("state", op, path, value, "a reviewed change", store is null ? null : [store]);

    [Fact]
    public void A_listed_replacement_makes_exactly_that_difference_acceptable()
    {
        var actual = JsonNode.Parse("""{"score":1.8,"band":"cordial","movedBy":[{"claimIds":["c1","c2"]}],"lastPosition":140}""");

        var expected = GoldenExpectations.Apply(Golden, [Expect("replace", "/band", "cordial")], "state", "sqlite");

        Assert.Null(GoldenExpectations.FirstDifference(expected, actual));
        Assert.Equal("/band: expected \"mixed\", got \"cordial\"", GoldenExpectations.FirstDifference(Golden, actual));
    }

    [Fact]
    public void A_difference_nobody_listed_is_named_with_its_path()
    {
        var actual = JsonNode.Parse("""{"score":1.8,"band":"cordial","movedBy":[{"claimIds":["c1"]}],"lastPosition":140}""");

        var expected = GoldenExpectations.Apply(Golden, [Expect("replace", "/band", "cordial")], "state", "sqlite");

        Assert.Equal("/movedBy/0/claimIds/1: arrays differ in length (expected 2, got 1)", GoldenExpectations.FirstDifference(expected, actual));
    }

    [Fact]
    public void Add_and_remove_follow_json_patch_and_apply_only_to_the_named_store()
    {
        var expectations = new[] { Expect("add", "/movedBy/0/claimIds/-", "c3"), Expect("remove", "/lastPosition", null, store: "postgres") };

        var onSqlite = GoldenExpectations.Apply(Golden, expectations, "state", "sqlite");
        var onPostgres = GoldenExpectations.Apply(Golden, expectations, "state", "postgres");

        Assert.Equal("""{"score":1.8,"band":"mixed","movedBy":[{"claimIds":["c1","c2","c3"]}],"lastPosition":140}""", onSqlite.ToJsonString());
        Assert.Equal("""{"score":1.8,"band":"mixed","movedBy":[{"claimIds":["c1","c2","c3"]}]}""", onPostgres.ToJsonString());
        Assert.Equal("""{"score":1.8,"band":"mixed","movedBy":[{"claimIds":["c1","c2"]}],"lastPosition":140}""", Golden.ToJsonString());
    }

    [Fact]
    public void An_expectation_whose_path_is_not_in_the_output_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => GoldenExpectations.Apply(Golden, [Expect("replace", "/nothing/here", 1)], "state", "sqlite"));

        Assert.Contains("does not apply", e.Message);
    }

    [Fact]
    public void An_expectation_without_a_reason_is_refused_when_read()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bt-expect-").FullName, "expectations.json");
        File.WriteAllText(file, """{"expectations":[{"output":"state","op":"replace","path":"/band","value":"x"}]}""");

        var e = Assert.Throws<InvalidDataException>(() => GoldenExpectations.Read(file));

        Assert.Contains("\"reason\"", e.Message);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
