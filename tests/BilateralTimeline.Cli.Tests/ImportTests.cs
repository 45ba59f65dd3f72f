using System.Text.Json;
using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

public sealed class ImportTests
{
    [Fact]
    public async Task Importing_a_good_file_exits_0_and_summarises_on_stderr()
    {
        using var bt = new BtSandbox();
        var file = bt.WriteFile("article.claims.json", Fixture.Document());

        var import = await bt.Bt("import", file);

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("events appended to AZE-IRN", import.Stderr);
        Assert.Contains("1 sources, 2 occurrences, 4 claims", import.Stderr);
        Assert.DoesNotContain("events appended", import.Stdout);
    }

    [Fact]
    public async Task Importing_with_a_stale_expected_revision_exits_3_and_records_nothing_and_with_the_current_one_lands()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var file = bt.WriteFile("b.claims.json", Fixture.Document("b"));
        var current = store.Events.Count - 1;

        var stale = await bt.Bt("import", file, "--expected-revision", (current - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var countAfterStale = (await bt.Events()).Count;
        var fresh = await bt.Bt("import", file, "--expected-revision", current.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(stale.ExitCode == 3, stale.ToString());
        Assert.Contains("conflict", stale.Stderr);
        Assert.Equal(store.Events.Count, countAfterStale);
        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Equal(store.Events.Count + ImportedStore.AppendedCount(fresh), (await bt.Events()).Count);
    }

    [Fact]
    public async Task Importing_the_same_file_again_exits_0_and_adds_nothing()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var again = await bt.Bt("import", store.ImportFile);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already recorded", again.Stderr);
        Assert.Equal(store.Events.ToJsonString(), (await bt.Events()).ToJsonString());
    }

    [Fact]
    public async Task Events_as_json_is_an_array_of_every_event_in_position_order()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("events", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var events = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(store.EventsAppended, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            Assert.Equal(i + 1, e.GetProperty("position").GetInt64());
            Assert.Equal("dyad-azeirn", e.GetProperty("stream").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("type").GetString()));
            Assert.True(Guid.TryParse(e.GetProperty("eventId").GetString(), out _));
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("recorded").GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
            Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("hash").GetString());
            Assert.Equal(JsonValueKind.Object, e.GetProperty("data").ValueKind);
        }
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Single(types, t => t!.StartsWith("source-registered", StringComparison.Ordinal));
        Assert.Equal(4, types.Count(t => t!.StartsWith("claim-recorded", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Events_as_table_lists_every_position()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("events");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"#{store.EventsAppended}", run.Stdout);
        Assert.Contains($"{store.EventsAppended} event(s)", run.Stdout);
    }

    [Fact]
    public async Task A_second_file_with_new_ids_appends_after_the_first()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var second = bt.WriteFile("b.claims.json", Fixture.Document("b"));

        var import = await bt.Bt("import", second, "--format", "json");

        Assert.True(import.ExitCode == 0, import.ToString());
        var results = Assert.IsType<JsonArray>(JsonNode.Parse(import.Stdout));
        var appended = results.Single()!["eventsAppended"]!.GetValue<int>();
        Assert.Equal(store.EventsAppended, appended);
        var events = await bt.Events();
        Assert.Equal(2 * store.EventsAppended, events.Count);
        Assert.Equal(store.Events.ToJsonString(), new JsonArray(events.Take(store.EventsAppended).Select(e => e!.DeepClone()).ToArray()).ToJsonString());
    }
}
