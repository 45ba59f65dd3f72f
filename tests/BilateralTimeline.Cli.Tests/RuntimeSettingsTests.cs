using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// The runtime settings bt ships with (bt.runtimeconfig.json beside bt.dll). Profile-guided re-JIT stays
/// on: without it `bt serve` answered a state question on a 1M-event dyad in twice the time (p50 23 ms
/// against 12 ms), which costs more than the import gains from it off (a fifth of its CPU). The collector
/// conserves memory: a cold `bt state` on that dyad peaked at 164-172 MB with it and up to 289 MB without, and
/// at level 9 `bt serve` peaked some 20 MB lower than at 7. It collects in the background: without that the
/// youngest generation grew to ~130 MB between collections and `bt serve` kept large pages in flight as old
/// garbage (a peak of 580-640 MB against 370 MB with it, on that dyad).
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Bt_runs_with_tiered_profile_guided_optimisation()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(BtProcess.BtDll, ".runtimeconfig.json")))!;
        Assert.Equal(true, (bool?)config["runtimeOptions"]?["configProperties"]?["System.Runtime.TieredPGO"]);
    }

    [Fact]
    public void Bt_runs_with_a_collector_that_conserves_memory()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(BtProcess.BtDll, ".runtimeconfig.json")))!;
        Assert.Equal(9, (int?)config["runtimeOptions"]?["configProperties"]?["System.GC.ConserveMemory"]);
    }

    [Fact]
    public void Bt_runs_with_background_garbage_collection()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(BtProcess.BtDll, ".runtimeconfig.json")))!;
        Assert.Equal(true, (bool?)config["runtimeOptions"]?["configProperties"]?["System.GC.Concurrent"]);
    }
}
