using BilateralTimeline.Cli.Tests.Support;

namespace BilateralTimeline.Cli.Tests.Hostile;

/// <summary>
/// Ids follow one pattern (ASCII letters, digits, - _ . :) wherever they are given; text fields hold
/// no control characters but tab and line breaks; a JSON key given twice is refused, not last-wins.
/// </summary>
public sealed class IdAndTextTests
{
    // "b-" RIGHT-TO-LEFT OVERRIDE "10": a terminal shows something else than what is stored.
    private const string BidiId = "b-\u202E10";

    [Fact]
    public async Task A_claim_id_with_a_bidi_override_is_refused_in_an_import()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["claims"]![0]!["id"] = BidiId;

        var run = await Refusals.RefusedAsync(bt, "claims[0].id", "import", bt.WriteFile("b.claims.json", document));

        Assert.Contains("'b-\\u{202E}10' is not an id", run.Stderr);
        Assert.Contains("ASCII letter", run.Stderr);
        Assert.DoesNotContain("\u202E", run.Stderr);
    }

    [Fact]
    public async Task A_source_id_with_a_control_character_is_refused_in_an_import()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["sources"]![0]!["id"] = "src-\u0007b";
        foreach (var claim in document["claims"]!.AsArray())
        {
            claim!["source"] = "src-\u0007b";
        }

        var run = await Refusals.RefusedAsync(bt, "sources[0].id", "import", bt.WriteFile("b.claims.json", document));

        Assert.Contains("'src-\\u{0007}b' is not an id", run.Stderr);
        Assert.Contains("claims[0].source: ", run.Stderr);
    }

    [Fact]
    public async Task A_bidi_id_on_the_command_line_is_named_as_not_an_id()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await Refusals.RefusedAsync(bt, "claimId", "retract", "a-\u202E20", "--reason", "looks like a-02");

        Assert.Contains("'a-\\u{202E}20' is not an id", run.Stderr);
    }

    [Fact]
    public async Task A_nul_in_a_summary_is_refused_naming_the_field()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["claims"]![2]!["summary"] = "President Aliyev\0 called the attack a terrorist act";

        var run = await Refusals.RefusedAsync(bt, "claims[2].summary", "import", bt.WriteFile("b.claims.json", document));

        Assert.Contains("holds the control character U+0000 at offset 16", run.Stderr);
    }

    [Fact]
    public async Task An_escape_sequence_in_a_reason_on_the_command_line_is_refused()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();

        var run = await Refusals.RefusedAsync(bt, "reason", "retract", "a-02", "--reason", "denied\u001b[2K\u001b[1Aall fine");

        Assert.Contains("holds the control character U+001B at offset 6", run.Stderr);
    }

    [Fact]
    public async Task Tabs_and_windows_line_breaks_in_text_are_accepted()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var document = Fixture.Document("b");
        document["claims"]![2]!["note"] = "first line\r\nsecond line\tindented";

        var run = await bt.Bt("import", bt.WriteFile("b.claims.json", document));

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task A_key_given_twice_is_refused_with_its_path()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var json = Fixture.Document("b").ToJsonString();
        // The second "dyad" names a dyad that does not exist: a last-wins reader would have used it.
        var twice = "{\"dyad\": \"AZE-IRN\"," + json[1..].Replace("\"dyad\":\"AZE-IRN\"", "\"dyad\":\"ARM-IRN\"", StringComparison.Ordinal);

        var run = await Refusals.RefusedAsync(bt, "dyad", "import", bt.WriteText("b.claims.json", twice));

        Assert.Contains("'dyad' is given twice in the same object", run.Stderr);
        Assert.DoesNotContain("ImportDocument", run.Stderr);
    }

    [Fact]
    public async Task A_nested_key_given_twice_is_refused_with_its_path()
    {
        using var bt = await ImportedStore.CopyIntoNewSandboxAsync();
        var json = Fixture.Document("b").ToJsonString();
        var twice = json.Replace("\"summary\":\"Azerbaijan closed", "\"summary\":\"x\",\"summary\":\"Azerbaijan closed", StringComparison.Ordinal);
        Assert.NotEqual(json, twice);

        var run = await Refusals.RefusedAsync(bt, "claims[1].summary", "import", bt.WriteText("b.claims.json", twice));

        Assert.Contains("'summary' is given twice", run.Stderr);
    }
}
