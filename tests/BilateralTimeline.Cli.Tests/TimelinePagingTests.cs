using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// `bt timeline` on a dyad with more entries than a page (issue 12): without --limit it printed every
/// entry (400k at 1M events, minutes and gigabytes); now a page of 200 with the cursor of the rest, and
/// --all for the whole answer.
/// </summary>
public sealed class TimelinePagingTests
{
    private const int Events = 2_000;

    [Fact]
    public async Task Timeline_without_a_limit_answers_the_first_page_and_the_cursor_of_the_rest()
    {
        // Given a dyad of more than 200 entries
        using var bt = new BtSandbox();
        await SyntheticDyad.BuildAsync(bt.Db, Events);
        var whole = await Json(bt.Bt("timeline", "--as-of", "2030-01-01", "--all", "--format", "json"));
        var ids = Ids(whole);
        Assert.True(ids.Count > 200, $"{ids.Count} entries");
        Assert.Null(whole["next"]);

        // When asked without --limit, then for the next page
        var first = await Json(bt.Bt("timeline", "--as-of", "2030-01-01", "--format", "json"));
        var cursor = first["next"]!.GetValue<string>();
        var second = await Json(bt.Bt("timeline", "--as-of", "2030-01-01", "--cursor", cursor, "--format", "json"));
        var rest = await Json(bt.Bt("timeline", "--as-of", "2030-01-01", "--cursor", cursor, "--all", "--format", "json"));
        var table = await bt.Bt("timeline", "--as-of", "2030-01-01");

        // Then
        Assert.Equal(ids.Take(200), Ids(first));
        Assert.Equal(ids.Skip(200).Take(200), Ids(second));
        Assert.Equal(ids.Skip(200), Ids(rest));
        Assert.Null(rest["next"]);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("(200 entries)", table.Stdout, StringComparison.Ordinal);
        Assert.Contains($"--cursor {cursor}", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_with_both_limit_and_all_is_refused()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("timeline", "--limit", "5", "--all");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--all", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> Json(Task<BtResult> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonNode.Parse(run.Stdout)!;
    }

    private static List<string> Ids(JsonNode timeline) => timeline["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
}
