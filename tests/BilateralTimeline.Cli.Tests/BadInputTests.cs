using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests;

/// <summary>
/// Each bad file is imported into a store that already holds file "a". The bad file (ids "b-…") has
/// good parts too, a source and occurrences, so "the log is unchanged afterwards" shows the import is atomic.
/// Only what a process shows is tested here: exit code 2, "error: " with the file named, no stack trace, the
/// CLI's own hints, the option names. The wording of each rejection is the application's, tested in process
/// (Application.Tests Import/RejectionWordingTests, RejectedImportsTests) without spawning bt.dll per case.
/// </summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Malformed_json_exits_2_naming_the_line()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var file = bt.WriteText("broken.claims.json", "{\n  \"formatVersion\": 1,\n  \"dyad\": \"AZE-IRN\"\n  \"claims\": []\n}\n");

        var run = await ImportRejectedAsync(bt, file);

        Assert.Contains("broken.claims.json", run.Stderr);
        Assert.Contains("not a valid import file", run.Stderr);
        Assert.Contains("line 4", run.Stderr);
    }

    [Fact]
    public async Task Unknown_field_exits_2_naming_its_path()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["claims"]![1]!["colour"] = "red";

        var run = await ImportRejectedAsync(bt, bt.WriteFile("b.claims.json", document));

        Assert.Contains("claims[1].colour", run.Stderr);
        Assert.Contains("unknown field", run.Stderr);
        Assert.DoesNotContain("BilateralTimeline.", run.Stderr);
    }

    [Fact]
    public async Task An_unknown_source_id_exits_2_naming_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["claims"]![1]!["source"] = "src-missing";

        var run = await ImportRejectedAsync(bt, bt.WriteFile("b.claims.json", document));

        Assert.Contains("claims[1].source", run.Stderr);
        Assert.Contains("unknown source 'src-missing'", run.Stderr);
        Assert.Contains("nothing was stored", run.Stderr);
    }

    [Fact]
    public async Task One_bad_file_does_not_stop_the_good_ones_but_the_exit_code_is_2()
    {
        var store = await ImportedStore.GetAsync();
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var bad = Fixture.Document("b");
        bad["claims"]![0]!["confidence"]!["credibility"] = 7;
        var badFile = bt.WriteFile("b.claims.json", bad);
        var goodFile = bt.WriteFile("c.claims.json", Fixture.Document("c"));

        var run = await bt.Bt("import", badFile, goodFile);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("c.claims.json: ", run.Stderr);
        Assert.Contains($"{store.EventsAppended} events appended", run.Stderr);
        Assert.Equal(2 * store.EventsAppended, (await bt.Events()).Count);
    }

    [Fact]
    public async Task A_missing_import_file_exits_2_naming_it()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await ImportRejectedAsync(bt, bt.PathOf("nowhere.claims.json"));

        Assert.Contains("nowhere.claims.json' does not exist", run.Stderr);
    }

    [Theory]
    [InlineData("state", "2023-02-30", "not a date that exists")]
    [InlineData("timeline", "yesterday", "write YYYY-MM-DD")]
    public async Task A_bad_as_of_date_exits_2_naming_the_option(string command, string date, string explanation)
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt(command, "--as-of", date);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"--as-of: '{date}' is {(explanation.StartsWith("write", StringComparison.Ordinal) ? "not a date; " : "")}", run.Stderr);
        Assert.Contains(explanation, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_bad_known_at_time_exits_2_naming_the_option()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await bt.Bt("state", "--known-at", "last tuesday");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--known-at: 'last tuesday' is not a date", run.Stderr);
    }

    /// <summary>Imports <paramref name="file"/>, expects exit 2 without a stack trace, and checks the log did not change.</summary>
    private static async Task<BtResult> ImportRejectedAsync(BtSandbox bt, string file)
    {
        var store = await ImportedStore.GetAsync();

        var run = await bt.Bt("import", file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        var after = await bt.Events();
        Assert.Equal(store.Events.ToJsonString(), after.ToJsonString());
        return run;
    }
}
