using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// The runtime settings bt ships with (bt.runtimeconfig.json beside bt.dll). Profile-guided re-JIT stays
/// off: bt's commands are short processes, and a 100,000-event import spent about a fifth of its CPU on
/// the instrumented tier and the second compile of its hot methods.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Bt_runs_without_tiered_profile_guided_optimisation()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(BtProcess.BtDll, ".runtimeconfig.json")))!;
        Assert.Equal(false, (bool?)config["runtimeOptions"]?["configProperties"]?["System.Runtime.TieredPGO"]);
    }
}
