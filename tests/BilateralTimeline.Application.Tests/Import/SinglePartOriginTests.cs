using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Import;

/// <summary>
/// A claim recorded on its own names no file: the link it makes says so in the domain's words. It used to
/// pass "http" where a file's name goes, so the ledger recorded "imported from http".
/// </summary>
public sealed class SinglePartOriginTests
{
    [Fact]
    public async Task A_claim_recorded_on_its_own_links_its_occurrence_without_naming_a_file_or_a_transport()
    {
        await using var ledger = TestLedger.Create();
        var document = ImportDocumentReader.Read(ledger.Write("baseline.claims.json", Samples.Baseline), "tester").Document;
        var single = document with { Sources = [], Occurrences = [], Claims = [document.Claims![0]] };

        var link = Assert.Single(SinglePart.Commands(single, "claims[0]", "claim").Select(c => c.Command).OfType<LinkClaimCommand>());

        Assert.Equal("named by the claim when it was recorded", link.Reason);
    }

    [Fact]
    public async Task A_claim_imported_from_a_file_links_its_occurrence_naming_the_file()
    {
        await using var ledger = TestLedger.Create();
        var document = ImportDocumentReader.Read(ledger.Write("baseline.claims.json", Samples.Baseline), "tester").Document;

        var links = ImportMapper.ToCommands(document, new Dictionary<string, string>(), "baseline.claims.json").Select(c => c.Command).OfType<LinkClaimCommand>().ToList();

        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Equal("imported from baseline.claims.json", l.Reason));
    }
}
