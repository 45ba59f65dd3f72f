using System.Text.Json.Nodes;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// Each bad input is refused with the path of the offending field, and the log (holding a good
/// baseline import) is left exactly as it was: the good parts of a bad file are not stored either.
/// The messages are checked word for word here, in process; what only a process shows (exit code 2,
/// "error: ", the file named, no stack trace) stays in the CLI's BadInputTests.
/// </summary>
public sealed class RejectedImportsTests
{
    private const string FileName = "denial.claims.json";

    [Fact]
    public async Task The_follow_up_file_the_rejection_tests_break_imports_cleanly_when_intact()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();

        var result = await ledger.ImportAsync(FileName, Samples.Denial);

        Assert.Equal(2, result.EventsAppended);
    }

    [Fact]
    public async Task Malformed_json_is_rejected_with_its_line_and_column()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        ledger.Write(FileName, "{\n  \"formatVersion\": 1,\n  \"dyad\": \"AZE-IRN\"\n  \"claims\": []\n}\n");

        var rejected = await ledger.RejectsAsync(FileName);

        var error = Assert.Single(rejected.Errors);
        Assert.Contains("line 4, column 3", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_naming_its_path()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidance"] = "high";

        var rejected = await ledger.RejectsAsync(FileName, file);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("claims[0].confidance", error.Field);
        Assert.Contains("confidance", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("kind")]
    [InlineData("summary")]
    [InlineData("modality")]
    [InlineData("quotes")]
    [InlineData("confidence")]
    public async Task A_claim_missing_a_required_field_is_rejected_naming_it(string field)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file).Remove(field);

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("required", rejected.For($"claims[0].{field}").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Every_missing_field_is_listed_not_just_the_first()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        file.Remove("formatVersion");
        file["sources"]![0]!.AsObject().Remove("outlet");
        Samples.DenialClaim(file).Remove("kind");
        Samples.DenialClaim(file).Remove("summary");
        Samples.DenialClaim(file)["quotes"]![0]!.AsObject().Remove("start");

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Equal(
            ["claims[0].kind", "claims[0].quotes[0].start", "claims[0].summary", "formatVersion", "sources[0].outlet"],
            rejected.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal));
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_date_that_does_not_exist_is_rejected_saying_so()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["occurred"]!["candidates"]![0]!["from"] = "2023-02-30";

        var rejected = await ledger.RejectsAsync(FileName, file);

        var error = rejected.For("claims[0].occurred.candidates[0].from");
        Assert.Contains("'2023-02-30' is not a date that exists", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task An_interval_that_ends_before_it_starts_is_rejected_on_to()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["occurred"]!["candidates"]![0]!["from"] = "2023-02-03";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("before it starts", rejected.For("claims[0].occurred.candidates[0].to").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData("G")]
    [InlineData("a")]
    [InlineData("AB")]
    public async Task A_reliability_outside_A_to_F_is_rejected(string reliability)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidence"]!["reliability"] = reliability;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains($"'{reliability}' is outside A–F", rejected.For("claims[0].confidence.reliability").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public async Task A_credibility_outside_1_to_6_is_rejected(int credibility)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidence"]!["credibility"] = credibility;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains($"{credibility} is outside 1–6", rejected.For("claims[0].confidence.credibility").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_quote_whose_text_is_not_at_its_offsets_is_rejected_saying_where_it_is()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        var quote = Samples.DenialClaim(file)["quotes"]![0]!;
        quote["start"] = 54;
        quote["end"] = 92;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("the quote is found at [53, 91)", rejected.For("claims[0].quotes[0]").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_claim_citing_an_unknown_source_is_rejected_on_source()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["source"] = "src-404";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("src-404", rejected.For("claims[0].source").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_second_file_reusing_a_claim_id_for_different_content_is_rejected_on_id()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["id"] = "c-closure";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("claim 'c-closure' is already recorded with different content", rejected.For("claims[0].id").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Duplicate_claim_ids_inside_one_file_are_rejected_on_claims()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        var copy = Samples.DenialClaim(file).DeepClone();
        copy["summary"] = "Iran denied it again";
        file["claims"]!.AsArray().Add(copy);

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("repeated: c-denial", rejected.For("claims").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_100_MB_file_is_rejected_for_its_size_without_being_read()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var path = Path.Combine(ledger.Directory, "huge.claims.json");
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.SetLength(100L * 1024 * 1024);
        }

        var rejected = await ledger.RejectsAsync("huge.claims.json");

        // A sparse file of zero bytes would fail as malformed JSON if it had been read.
        var error = rejected.For("file");
        Assert.Contains("100 MB", error.Message, StringComparison.Ordinal);
        Assert.Contains($"limit is {ImportDocumentReader.MaxFileBytes / (1024 * 1024)} MB", error.Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_source_whose_sha256_does_not_match_its_text_is_rejected()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        file["sources"]![0]!["sha256"] = Samples.ArticleSha256;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("changed since", rejected.For("sources[0].sha256").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_missing_text_file_is_rejected_on_text_file()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        var source = file["sources"]![0]!.AsObject();
        source.Remove("text");
        source["textFile"] = "texts/missing.txt";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("does not exist", rejected.For("sources[0].textFile").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_source_with_both_text_and_text_file_is_rejected()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        ledger.Write("denial.txt", Samples.DenialText);
        var file = Samples.Parse(Samples.Denial);
        file["sources"]![0]!["textFile"] = "denial.txt";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("exactly one", rejected.For("sources[0].text").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData("2023-02-02T10:00:00")]
    [InlineData("2023-02-02")]
    [InlineData("yesterday")]
    public async Task A_retrieved_time_without_an_offset_is_rejected_since_it_would_depend_on_the_machine_time_zone(string retrieved)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        file["sources"]![0]!["retrieved"] = retrieved;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains(retrieved, rejected.For("sources[0].retrieved").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Theory]
    [InlineData("2023-02-02T10:00:00Z")]
    [InlineData("2023-02-02T14:00:00+04:00")]
    [InlineData("2023-02-02T10:00:00.250Z")]
    public async Task A_retrieved_time_with_an_offset_is_accepted(string retrieved)
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var file = Samples.Parse(Samples.Denial);
        file["sources"]![0]!["retrieved"] = retrieved;

        var result = await ledger.ImportAsync(FileName, file);

        Assert.Equal(2, result.EventsAppended);
    }

    [Fact]
    public async Task A_correction_of_an_unknown_claim_is_rejected_and_the_rest_of_the_file_is_not_stored()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        file["corrections"] = new JsonArray(new JsonObject { ["type"] = "retract", ["claim"] = "c-404", ["reason"] = "typo" });

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("c-404", rejected.For("corrections[0].claim").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Problems_of_different_kinds_are_all_listed()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidence"]!["credibility"] = 0;
        Samples.DenialClaim(file)["kind"] = "picnic";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("outside 1–6", rejected.For("claims[0].confidence.credibility").Message, StringComparison.Ordinal);
        Assert.Contains("'picnic' is not a claim kind", rejected.For("claims[0].kind").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }
}
