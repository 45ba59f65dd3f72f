using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class TraceTests
{
    [Fact]
    public async Task Trace_shows_the_quote_the_source_hash_check_and_the_event_positions()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var positions = PositionsOf(store.Events, "a-01");

        var run = await bt.Bt("trace", "a-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("claim a-01", run.Stdout);
        Assert.Contains($"⟦{Fixture.AttackQuote}⟧", run.Stdout);
        Assert.Contains("found at its offsets", run.Stdout);
        Assert.Contains("matches the stored text", run.Stdout);
        Assert.Contains(Fixture.AttackTitle, run.Stdout);
        Assert.Equal(2, positions.Count);
        foreach (var position in positions)
        {
            Assert.Contains($"#{position}", run.Stdout);
        }
    }

    [Fact]
    public async Task Trace_as_json_carries_the_attribution_chain_and_the_offsets()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("trace", "a-03", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var trace = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(["test outlet", "Azertac", "Ilham Aliyev"], trace["attribution"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        var quote = trace["quotes"]!.AsArray().Single()!;
        var expected = Fixture.Quote(Fixture.TerrorQuote);
        Assert.Equal(expected["start"]!.GetValue<int>(), quote["start"]!.GetValue<int>());
        Assert.Equal(Fixture.TerrorQuote, quote["text"]!.GetValue<string>());
        Assert.True(quote["matchesSource"]!.GetValue<bool>());
        Assert.True(trace["source"]!["hashMatches"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Tracing_an_unknown_claim_exits_2_naming_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("trace", "zz-99");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("zz-99", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Tracing_a_near_miss_suggests_the_claim_ids_that_contain_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("trace", "01");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean a-01", run.Stderr);
    }

    /// <summary>Positions of the events that recorded or changed a claim, read from the raw log.</summary>
    private static List<long> PositionsOf(JsonArray events, string claimId) =>
        events.Where(e => e!["data"]!["claimId"]?.GetValue<string>() == claimId)
            .Select(e => e!["position"]!.GetValue<long>())
            .ToList();
}
