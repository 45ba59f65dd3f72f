using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Cli.Tests.Support;
using BilateralTimeline.EventStore.Sqlite;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// What a store holds per event type and version, and what this build does with a type it does not know
/// (an event written by a newer version): queries skip it, its revision still counts, and verify and
/// events say so.
/// </summary>
public sealed class EventVersionTests
{
    private const string NewerType = "claim-recorded/v2";

    [Fact]
    public async Task Verify_counts_the_events_per_type_and_version_in_table_and_json()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var expected = store.Events.GroupBy(e => e!["type"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());

        var table = await bt.Bt("verify");
        var json = await bt.Bt("verify", "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("events by type and version:", table.Stdout);
        Assert.All(expected, type => Assert.Contains($"  {type.Key}: {type.Value}\n", table.Stdout.ReplaceLineEndings("\n")));
        Assert.DoesNotContain("unknown", table.Stdout);
        var counts = JsonNode.Parse(json.Stdout)!["eventTypes"]!.AsArray()
            .ToDictionary(t => t!["type"]!.GetValue<string>(), t => t!["count"]!.GetValue<int>());
        Assert.Equal(expected.OrderBy(x => x.Key), counts.OrderBy(x => x.Key));
        Assert.Equal(0, JsonNode.Parse(json.Stdout)!["unreadableEvents"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_event_of_a_newer_version_is_skipped_by_queries_while_verify_and_events_name_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var stateBefore = await bt.Bt("state", "--as-of", "2023-02-01", "--format", "json");
        var (revision, position) = await AppendNewerEventAsync(bt.Db);

        var verify = await bt.Bt("verify");
        var table = await bt.Bt("events", "--from", position.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var events = await bt.Events();
        var stateAfter = await bt.Bt("state", "--as-of", "2023-02-01", "--format", "json");
        var retract = await bt.Bt("retract", "a-02", "--reason", "denied", "--by", "analyst:test");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"  {NewerType}: 1  (unknown to this build)", verify.Stdout);
        Assert.Contains($"1 event of an unknown type ({NewerType}) skipped by queries", verify.Stdout);
        Assert.Contains("(unknown type: skipped by queries)", table.Stdout);
        Assert.False(events.Single(e => e!["type"]!.GetValue<string>() == NewerType)!["readable"]!.GetValue<bool>());
        Assert.All(events.Where(e => e!["type"]!.GetValue<string>() != NewerType), e => Assert.True(e!["readable"]!.GetValue<bool>()));
        Assert.True(stateAfter.ExitCode == 0, stateAfter.ToString());
        Assert.Equal(WithoutLastPosition(stateBefore.Stdout), WithoutLastPosition(stateAfter.Stdout));
        // The unknown event's revision still counts: the correction lands after it, not on top of it.
        Assert.True(retract.ExitCode == 0, retract.ToString());
        var last = (await bt.Events())[^1]!;
        Assert.Equal("claim-retracted/v1", last["type"]!.GetValue<string>());
        Assert.Equal(revision + 1, last["revision"]!.GetValue<long>());
    }

    /// <summary>Appends what a newer bt might write, through the adapter as that build would; returns where it landed.</summary>
    private static async Task<(long Revision, long Position)> AppendNewerEventAsync(string db)
    {
        await using var store = SqliteEventStore.Open(db, TimeProvider.System);
        var last = await store.ReadStreamAsync("dyad-azeirn", ReadDirection.Backwards, long.MaxValue, 1).FirstAsync();
        var data = Encoding.UTF8.GetBytes("""{"claimId":"a-99","actors":[{"entity":"person:q-123","aliases":["X"]}]}""");
        var result = await store.AppendAsync("dyad-azeirn", ExpectedRevision.Exact(last.StreamRevision), [new EventData(Guid.NewGuid(), NewerType, data, new EventMetadata("newer-build"))]);
        return (result.LastStreamRevision, result.LastGlobalPosition);
    }

    private static string WithoutLastPosition(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("lastPosition");
        return node.ToJsonString();
    }
}
