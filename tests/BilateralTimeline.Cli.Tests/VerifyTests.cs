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
        var tampered = store.Events.Single(e => e!["data"]!["summary"]?.GetValue<string>().Contains(Fixture.Marker, StringComparison.Ordinal) == true)!;
        var position = tampered["position"]!.GetValue<long>();
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
        var position = store.Events.Single(e => e!["data"]!["summary"]?.GetValue<string>().Contains(Fixture.Marker, StringComparison.Ordinal) == true)!["position"]!.GetValue<long>();

        var run = await bt.Bt("verify", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var result = System.Text.Json.Nodes.JsonNode.Parse(run.Stdout)!;
        Assert.Equal(position, result["firstBrokenPosition"]!.GetValue<long>());
        Assert.Equal(position - 1, result["eventsChecked"]!.GetValue<long>());
    }

    private static int FlipMarker(byte[] bytes)
    {
        var marker = Encoding.ASCII.GetBytes(Fixture.Marker);
        var count = 0;
        for (var i = bytes.AsSpan().IndexOf(marker); i >= 0;)
        {
            bytes[i] = (byte)'N';
            count++;
            var next = bytes.AsSpan(i + 1).IndexOf(marker);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return count;
    }
}
