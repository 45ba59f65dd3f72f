using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// The wording of import rejections, in process: these were CLI tests, each spawning bt.dll, though the
/// CLI only prints the application's message after the file name. What only the process shows (exit
/// code 2, "error: ", no stack trace, the file named, "nothing was stored") stays in the CLI's BadInputTests.
/// </summary>
public sealed class RejectionWordingTests
{
    private const string FileName = "denial.claims.json";

    [Fact]
    public async Task A_credibility_of_7_is_refused_naming_the_value_and_the_range()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidence"]!["credibility"] = 7;

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("7 is outside 1–6", rejected.For("claims[0].confidence.credibility").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_reliability_of_G_is_refused_naming_the_value_and_the_letters()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["confidence"]!["reliability"] = "G";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("'G' is outside A–F", rejected.For("claims[0].confidence.reliability").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_date_that_does_not_exist_is_refused_quoting_it()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var file = Samples.Parse(Samples.Denial);
        Samples.DenialClaim(file)["occurred"]!["candidates"]![0]!["from"] = "2023-02-30";

        var rejected = await ledger.RejectsAsync(FileName, file);

        Assert.Contains("'2023-02-30' is not a date that exists", rejected.For("claims[0].occurred.candidates[0].from").Message, StringComparison.Ordinal);
        await ledger.AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task A_quote_off_its_offsets_is_refused_saying_where_the_quote_is()
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
    public async Task A_claim_id_reused_for_other_content_is_refused_saying_it_is_recorded()
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
