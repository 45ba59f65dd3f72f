using System.Text;
using System.Text.RegularExpressions;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class VerifyTests
{
    [Fact]
    public async Task Verify_after_an_import_exits_0_and_says_OK()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("verify");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("verify: OK", run.Stdout);
        Assert.Contains($"intact up to position {store.EventsAppended}", run.Stdout);
    }

    [Fact]
    public async Task Verify_after_one_byte_of_an_event_changed_on_disk_exits_1_naming_its_position()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var position = MarkerPosition(store);
        Assert.False(File.Exists(bt.Db + "-wal") && new FileInfo(bt.Db + "-wal").Length > 0, "bt left events in the WAL; the byte to flip would not be in the main file");

        // The triggers forbid UPDATE, so change the bytes as an attacker with file access would: "MARKER42" → "NARKER42".
        // Every copy is changed: a b-tree page split leaves a stale copy in the unused space of the old page.
        var bytes = await File.ReadAllBytesAsync(bt.Db);
        var flipped = FlipMarker(bytes);
        Assert.True(flipped > 0, $"{Fixture.Marker} not found in the store file");
        await File.WriteAllBytesAsync(bt.Db, bytes);

        var run = await bt.Bt("verify");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(new Regex($@"BROKEN at position {position}\b"), run.Stdout);
        Assert.Contains("hash does not match", run.Stdout);
        Assert.DoesNotContain("   at ", run.Stderr);
    }

    [Fact]
    public async Task Verify_as_json_names_the_first_broken_position()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var bytes = await File.ReadAllBytesAsync(bt.Db);
        Assert.True(FlipMarker(bytes) > 0);
        await File.WriteAllBytesAsync(bt.Db, bytes);
        var position = MarkerPosition(store);

        var run = await bt.Bt("verify", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!;
        Assert.Equal(position, result["firstBrokenPosition"]!.GetValue<long>());
        Assert.Equal(position - 1, result["eventsChecked"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("timeline")]
    [InlineData("trace", "a-01")]
    public async Task An_event_whose_data_no_longer_parses_is_reported_by_position_not_with_a_stack_trace(params string[] command)
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var position = MarkerPosition(store);
        // "summary":"MARKER42… → "summary":xMARKER42…: the event's JSON is broken, not just its hash.
        var bytes = await File.ReadAllBytesAsync(bt.Db);
        Assert.True(OverwriteEach(bytes, "\"" + Fixture.Marker, (byte)'x') > 0);
        await File.WriteAllBytesAsync(bt.Db, bytes);

        var run = await bt.Bt(command);
        var verify = await bt.Bt("verify");

        // Regression: the projections let the JsonException escape, printing "Unhandled exception" and a stack trace.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"the event at global position {position} cannot be decoded", run.Stderr);
        Assert.Contains("bt verify", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal(1, verify.ExitCode);
        Assert.Matches(new Regex($@"BROKEN at position {position}\b"), verify.Stdout);
    }

    /// <summary>The position of the one event whose data holds the marker (the first claim), from the raw log.</summary>
    private static long MarkerPosition(ImportedStore store) =>
        store.Events.Single(e => e!["data"]!["summary"]?.GetValue<string>().Contains(Fixture.Marker, StringComparison.Ordinal) == true)!["position"]!.GetValue<long>();

    /// <summary>"MARKER42" → "NARKER42" wherever it occurs in the file.</summary>
    private static int FlipMarker(byte[] bytes) => OverwriteEach(bytes, Fixture.Marker, (byte)'N');

    /// <summary>Replaces the first byte of every occurrence of <paramref name="ascii"/>; returns how many were found.</summary>
    private static int OverwriteEach(byte[] bytes, string ascii, byte replacement)
    {
        var pattern = Encoding.ASCII.GetBytes(ascii);
        var count = 0;
        var from = 0;
        while (bytes.AsSpan(from).IndexOf(pattern) is var found && found >= 0)
        {
            bytes[from + found] = replacement;
            from += found + 1;
            count++;
        }
        return count;
    }
}
