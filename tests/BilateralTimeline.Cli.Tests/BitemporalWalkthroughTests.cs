using System.Globalization;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// The README's walkthrough on the seed samples: the same valid-time question gets different,
/// explainable answers depending on what had been recorded by then.
/// </summary>
public sealed class BitemporalWalkthroughTests
{
    [Fact]
    public async Task The_state_at_one_date_changes_with_what_had_been_recorded()
    {
        using var bt = new BtSandbox();
        var samples = Samples.Folder();

        // Given article 000 recorded at T1, article 002 at T2 and a retraction at T3
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(samples, "000-hasanov-visit.claims.json"))).ExitCode);
        var t1 = await StampAsync();
        Assert.Equal(0, (await bt.Bt("import", Path.Combine(samples, "002-joint-exercise.claims.json"))).ExitCode);
        var t2 = await StampAsync();
        Assert.Equal(0, (await bt.Bt("retract", "c002-28", "--reason", "suppose the 2022 exercises were misreported")).ExitCode);
        var t3 = await StampAsync();

        // When the state as of 2023-02-01 is asked as known at each time
        var atT1 = await StateAsync(bt, "2023-02-01", t1);
        var atT2 = await StateAsync(bt, "2023-02-01", t2);
        var atT3 = await StateAsync(bt, "2023-02-01", t3);

        // Then: before the second article nothing of 2023 is known; after it, the attack makes it tense
        // with the embassy closed; after the retraction the 2022 exercises no longer weigh on it
        Assert.Empty(atT1["openCrises"]!.AsArray());
        Assert.Equal("tense", atT2["band"]!.GetValue<string>());
        Assert.Contains(atT2["openCrises"]!.AsArray(), c => c!["subject"]!.GetValue<string>() == "embassy:AZE@Tehran");
        Assert.Contains(atT2["movedBy"]!.AsArray(), c => c!["claimIds"]!.AsArray().Any(id => id!.GetValue<string>() == "c002-28"));
        Assert.DoesNotContain(atT3["movedBy"]!.AsArray(), c => c!["claimIds"]!.AsArray().Any(id => id!.GetValue<string>() == "c002-28"));
        var scores = new[] { atT1, atT2, atT3 }.Select(s => s["score"]!.GetValue<double>()).ToList();
        Assert.Equal(3, scores.Distinct().Count());
        Assert.True(scores[1] < scores[2] && scores[2] < scores[0], string.Join(", ", scores));
    }

    private static async Task<string> StampAsync()
    {
        await Task.Delay(50);
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        await Task.Delay(50);
        return stamp;
    }

    private static async Task<JsonNode> StateAsync(BtSandbox bt, string asOf, string knownAt)
    {
        var run = await bt.Bt("state", "--as-of", asOf, "--known-at", knownAt, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }
}
