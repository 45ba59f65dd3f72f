using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>timeline and state at a valid-time date, as JSON for programs and as tables for people.</summary>
public sealed class QueryTests
{
    [Fact]
    public async Task Timeline_as_json_lists_both_occurrences_in_time_order_with_their_claims()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline", "--as-of", "2024-06-01", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var timeline = JsonNode.Parse(run.Stdout)!;
        Assert.Equal(Fixture.Dyad, timeline["dyad"]!.GetValue<string>());
        var items = timeline["items"]!.AsArray();
        Assert.Equal([Fixture.AttackOccurrence("a"), Fixture.MeetingOccurrence("a")], items.Select(i => i!["id"]!.GetValue<string>()));
        var attack = items[0]!;
        Assert.Equal("occurred", attack["standing"]!.GetValue<string>());
        Assert.Equal(["a-01", "a-02", "a-03"], attack["claims"]!.AsArray().Select(c => c!["claimId"]!.GetValue<string>()));
        Assert.NotEmpty(attack["eventPositions"]!.AsArray());
        // Two readings that do not overlap ("last week", or February per an analyst) are kept as contested.
        Assert.True(items[1]!["contested"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Timeline_with_a_limit_answers_a_page_and_the_cursor_of_the_rest()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var first = await bt.Bt("timeline", "--as-of", "2024-06-01", "--limit", "1", "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var cursor = JsonNode.Parse(first.Stdout)!["next"]!.GetValue<string>();
        var second = await bt.Bt("timeline", "--as-of", "2024-06-01", "--limit", "1", "--cursor", cursor, "--format", "json");
        var table = await bt.Bt("timeline", "--as-of", "2024-06-01", "--limit", "1");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal([Fixture.AttackOccurrence("a")], JsonNode.Parse(first.Stdout)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal([Fixture.MeetingOccurrence("a")], JsonNode.Parse(second.Stdout)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Null(JsonNode.Parse(second.Stdout)!["next"]);
        Assert.Contains($"--cursor {cursor}", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_with_a_limit_answers_the_top_movers_the_whole_score_and_the_cursor_of_the_rest()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var whole = await bt.Bt("state", "--as-of", "2024-06-01", "--limit", "100", "--format", "json");
        var first = await bt.Bt("state", "--as-of", "2024-06-01", "--limit", "1", "--format", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        var cursor = JsonNode.Parse(first.Stdout)!["next"]!.GetValue<string>();
        var second = await bt.Bt("state", "--as-of", "2024-06-01", "--limit", "1", "--cursor", cursor, "--format", "json");
        var table = await bt.Bt("state", "--as-of", "2024-06-01", "--limit", "1");

        Assert.True(second.ExitCode == 0, second.ToString());
        var all = JsonNode.Parse(whole.Stdout)!;
        var movers = all["movedBy"]!.AsArray().Select(m => m!["entryId"]!.GetValue<string>()).ToList();
        Assert.True(movers.Count >= 2, whole.ToString());
        Assert.Null(all["next"]);
        Assert.Equal(movers.Take(1), JsonNode.Parse(first.Stdout)!["movedBy"]!.AsArray().Select(m => m!["entryId"]!.GetValue<string>()));
        Assert.Equal(movers.Skip(1).Take(1), JsonNode.Parse(second.Stdout)!["movedBy"]!.AsArray().Select(m => m!["entryId"]!.GetValue<string>()));
        Assert.Equal(all["score"]!.GetValue<double>(), JsonNode.Parse(second.Stdout)!["score"]!.GetValue<double>());
        Assert.Equal(movers.Count, JsonNode.Parse(first.Stdout)!["movedByCount"]!.GetValue<int>());
        Assert.Contains($"--cursor {cursor}", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"1 of {movers.Count} movers", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_from_to_keeps_only_the_entries_in_the_window()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline", "--as-of", "2024-06-01", "--from", "2024-01-01", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([Fixture.MeetingOccurrence("a")], JsonNode.Parse(run.Stdout)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Timeline_before_an_occurrence_omits_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var before = await bt.Bt("timeline", "--as-of", "2023-01-26", "--format", "json");
        var after = await bt.Bt("timeline", "--as-of", "2023-02-01", "--format", "json");

        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Empty(JsonNode.Parse(before.Stdout)!["items"]!.AsArray());
        Assert.True(after.ExitCode == 0, after.ToString());
        var ids = JsonNode.Parse(after.Stdout)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([Fixture.AttackOccurrence("a")], ids);
    }

    [Fact]
    public async Task Timeline_at_a_date_inside_an_uncertain_interval_shows_the_occurrence_as_possibly()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline", "--as-of", "2024-03-05", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var meeting = JsonNode.Parse(run.Stdout)!["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == Fixture.MeetingOccurrence("a"))!;
        Assert.Equal("possibly", meeting["standing"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timeline_table_shows_the_occurrence_titles_and_event_positions()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(Fixture.AttackTitle, run.Stdout);
        Assert.Contains(Fixture.MeetingTitle, run.Stdout);
        Assert.Contains("a-01 assault/asserted B2", run.Stdout);
        Assert.Contains("#4", run.Stdout);
    }

    [Fact]
    public async Task State_after_the_attack_is_hostile_with_the_embassy_closed_and_names_the_claims()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--as-of", "2023-02-01", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var state = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("2023-02-01", state["asOf"]!.GetValue<string>());
        Assert.True(state["score"]!.GetValue<double>() < 0, $"score should be negative after an assault: {state["score"]}");
        var moved = state["movedBy"]!.AsArray().Single()!;
        Assert.Equal(Fixture.AttackOccurrence("a"), moved["entryId"]!.GetValue<string>());
        Assert.Contains("a-01", moved["claimIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        var embassy = state["inForce"]!.AsArray().Single(s => s!["subject"]!.GetValue<string>() == "embassy:AZE@Tehran")!;
        Assert.Equal("closed", embassy["status"]!.GetValue<string>());
        Assert.Equal(["a-02"], embassy["claimIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Single(state["openCrises"]!.AsArray());
        Assert.Null(state["lastHighLevelContact"]);
    }

    [Fact]
    public async Task State_before_anything_happened_has_no_score()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--as-of", "2023-01-26", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var state = JsonNode.Parse(run.Stdout)!;
        Assert.Null(state["score"]);
        Assert.Empty(state["movedBy"]!.AsArray());
        Assert.Empty(state["inForce"]!.AsArray());
    }

    [Fact]
    public async Task State_after_the_ministers_met_names_them_as_the_last_high_level_contact()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--as-of", "2024-04-01", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var state = JsonNode.Parse(run.Stdout)!;
        var contact = state["lastHighLevelContact"]!;
        Assert.Equal(Fixture.MeetingOccurrence("a"), contact["entryId"]!.GetValue<string>());
        Assert.Equal(["a-04"], contact["claimIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(2, state["movedBy"]!.AsArray().Count);
    }

    [Fact]
    public async Task State_table_shows_the_score_band_and_what_is_closed()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--as-of", "2023-02-01");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Relationship AZE-IRN as of 2023-02-01", run.Stdout);
        Assert.Contains(Fixture.AttackTitle, run.Stdout);
        Assert.Matches(@"score -\d+\.\d\d", run.Stdout);
        Assert.Contains("embassy:AZE@Tehran", run.Stdout);
    }

    [Fact]
    public async Task Known_at_a_time_before_anything_was_recorded_exits_2_naming_the_first_recording()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline", "--as-of", "2024-06-01", "--known-at", "2000-01-01", "--format", "json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("first event was recorded at", run.Stderr);
    }

    [Fact]
    public async Task Known_at_in_the_future_exits_2()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--known-at", DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-dd"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("in the future", run.Stderr);
    }

    [Fact]
    public async Task Known_at_today_as_a_date_is_accepted()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--known-at", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"), "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Sources_as_json_lists_the_source_with_its_hash_check_and_claims()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("sources", "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var source = JsonNode.Parse(run.Stdout)!["sources"]!.AsArray().Single()!;
        Assert.Equal(Fixture.SourceId("a"), source["sourceId"]!.GetValue<string>());
        Assert.True(source["textMatchesHash"]!.GetValue<bool>());
        Assert.Equal(["a-01", "a-02", "a-03", "a-04"], source["claims"]!.AsArray().Select(c => c!["claimId"]!.GetValue<string>()));
    }
}
