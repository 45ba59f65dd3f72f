using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class KindsTests
{
    [Fact]
    public async Task Kinds_as_json_list_each_kind_with_its_cameo_code_weight_and_plover_category()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("kinds", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var kinds = JsonNode.Parse(run.Stdout)!["kinds"]!.AsArray().ToDictionary(k => k!["kind"]!.GetValue<string>(), k => k!);
        Assert.Equal(("051", 3.4, "SUPPORT"), Row(kinds["praise"]));
        Assert.Equal(("130", -4.4, "THREATEN"), Row(kinds["threat"]));
        Assert.Equal(("043", 2.8, "CONSULT"), Row(kinds["host-visit"]));
        Assert.Equal(("1823", -10.0, "ASSAULT"), Row(kinds["kill"]));
        Assert.Equal("context", kinds["accident"]["cameo"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kinds_as_a_table_name_the_scales_provenance()
    {
        using var bt = new BtSandbox();

        var run = await bt.BtRaw("kinds");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("restore-relations", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("CAMEO.goldsteinscale.txt", run.Stdout, StringComparison.Ordinal);
    }

    private static (string, double, string) Row(JsonNode kind) =>
        (kind["cameo"]!.GetValue<string>(), kind["goldstein"]!.GetValue<double>(), kind["plover"]!.GetValue<string>());
}
