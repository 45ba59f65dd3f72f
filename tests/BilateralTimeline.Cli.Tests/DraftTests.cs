using System.Text.Json.Nodes;
using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>bt draft as a new user runs it: draft a sample article, see it refused as it stands, accept it, evaluate it.</summary>
public sealed class DraftTests
{
    private static string Article(string number) => Directory.GetFiles(Samples.Folder(), $"{number}_*.txt").Single();

    [Fact]
    public async Task A_drafted_article_is_refused_by_import_until_its_proposals_are_accepted()
    {
        using var bt = new BtSandbox();
        var draftPath = bt.PathOf("002.draft.claims.json");

        var draft = await bt.BtRaw("draft", Article("002"), "--published", "2024-06-01..2024-06-30", "--outlet", "Middle East News", "--out", draftPath);
        var refused = await bt.Bt("import", draftPath);
        var accepted = await bt.Bt("import", draftPath, "--accept-proposed");
        var again = await bt.Bt("import", draftPath, "--accept-proposed");

        Assert.True(draft.ExitCode == 0, draft.ToString());
        Assert.Contains("proposed claim(s) for AZE-IRN", draft.Stderr, StringComparison.Ordinal);
        var claims = JsonNode.Parse(File.ReadAllText(draftPath))!["claims"]!.AsArray();
        Assert.All(claims, c => Assert.True((bool)c!["proposed"]!));
        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("claims[0].proposed", refused.Stderr, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains($"{claims.Count} drafted proposal(s) accepted unreviewed", accepted.Stderr, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already recorded", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_accepted_with_accept_proposed_says_so_in_bt_trace_from_its_events_metadata()
    {
        using var bt = new BtSandbox();
        var draftPath = bt.PathOf("002.draft.claims.json");
        var draft = await bt.BtRaw("draft", Article("002"), "--published", "2024-06-01..2024-06-30", "--out", draftPath);
        var first = JsonNode.Parse(File.ReadAllText(draftPath))!["claims"]![0]!["id"]!.GetValue<string>();

        var accepted = await bt.Bt("import", draftPath, "--accept-proposed");
        var trace = await bt.Bt("trace", first, "--format", "json");

        Assert.True(draft.ExitCode == 0 && accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("metadata", accepted.Stderr, StringComparison.Ordinal);
        Assert.True(trace.ExitCode == 0, trace.ToString());
        var drafted = JsonNode.Parse(trace.Stdout)!["drafted"]!;
        Assert.Equal("unreviewed", drafted["accepted"]!.GetValue<string>());
        Assert.Contains("--accept-proposed", drafted["how"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposal_whose_flag_the_analyst_removed_imports_without_the_option()
    {
        using var bt = new BtSandbox();
        var draftPath = bt.PathOf("000.draft.claims.json");
        var draft = await bt.BtRaw("draft", Article("000"), "--published", "2024-01-24..2024-02-29", "--dyad", "AZE-IRN", "--format", "json");
        Assert.True(draft.ExitCode == 0, draft.ToString());
        var document = JsonNode.Parse(draft.Stdout)!.AsObject();
        var reviewed = document["claims"]![0]!.DeepClone().AsObject();
        reviewed.Remove("proposed");
        reviewed["confidence"] = new JsonObject { ["reliability"] = "C", ["credibility"] = 3 };
        document["claims"] = new JsonArray(reviewed);
        bt.WriteFile("000.draft.claims.json", document);

        var imported = await bt.Bt("import", draftPath);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Contains("1 claims", imported.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_prints_every_figure_against_the_analysts_file()
    {
        using var bt = new BtSandbox();
        var analyst = Directory.GetFiles(Samples.Folder(), "000-*.claims.json").Single();

        var run = await bt.BtRaw("draft", Article("000"), "--evaluate", analyst);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var figure in new[] { "recall", "precision", "kind", "modality", "date", "attribution" })
        {
            Assert.Matches($"(?m)^{figure} +[0-9]+ %", run.Stdout);
        }
        Assert.Contains("c000-43", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_says_proposals_must_be_accepted()
    {
        using var bt = new BtSandbox();

        var help = await bt.BtRaw("draft", "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("\"proposed\": true", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("--accept-proposed", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("--evaluate", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_help_says_accept_proposed_records_proposals_unreviewed_as_the_metadata_does()
    {
        using var bt = new BtSandbox();

        var help = await bt.BtRaw("import", "--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("without review", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("as reviewed", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_that_is_not_utf8_is_refused_with_exit_2()
    {
        using var bt = new BtSandbox();
        var path = bt.PathOf("cp1256.txt");
        File.WriteAllBytes(path, [0xC7, 0xE1, 0xD1, 0xC6, 0xED, 0xD3]);

        var run = await bt.BtRaw("draft", path, "--dyad", "AZE-IRN");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not UTF-8", run.Stderr, StringComparison.Ordinal);
    }
}
