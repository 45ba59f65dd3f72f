using System.Text.Json.Nodes;
using BilateralTimeline.Application.Drafting;
using BilateralTimeline.Application.Features.Drafts.DraftArticle;
using BilateralTimeline.Application.Features.Import.ImportLedgerFile;
using BilateralTimeline.Application.Features.Trace.TraceClaim;
using BilateralTimeline.Application.Tests.TestSupport;

namespace BilateralTimeline.Application.Tests.Drafting;

/// <summary>
/// Accepting a draft's proposals is recorded in the metadata of each claim-recorded event (read back from
/// the real SQLite store), not only in the claim's note: unreviewed with --accept-proposed, reviewed when
/// the analyst removed the flag, nothing for a claim no draft made.
/// </summary>
public sealed class DraftAcceptanceMetadataTests
{
    private const string Text = "The Jordanian foreign minister visited Baghdad on 3 March.\nIraq rejected the Jordanian proposal on water shares.";

    [Fact]
    public async Task Each_accepted_proposal_records_how_it_was_accepted_in_its_events_metadata_and_trace_shows_it()
    {
        await using var ledger = TestLedger.Create();
        var draft = await ledger.Mediator.Send(new DraftArticle(Text, Published: "2024-03-05", Dyad: "IRQ-JOR"));
        Assert.Equal(2, draft.Claims!.Count);
        // The analyst reviews the second proposal (removes the flag) and leaves the first for --accept-proposed.
        var reviewed = draft with { Claims = [draft.Claims[0], draft.Claims[1] with { Proposed = null }] };
        ledger.Write("draft.claims.json", DraftJson.Serialize(reviewed));

        await ledger.Mediator.Send(ImportDocumentReader.Read(Path.Combine(ledger.Directory, "draft.claims.json"), "tester") with { AcceptProposed = true });

        var stored = new Dictionary<string, JsonObject?>();
        await foreach (var e in ledger.Store.ReadAllAsync())
        {
            if (e.Type.StartsWith("claim-recorded/", StringComparison.Ordinal))
            {
                stored[JsonNode.Parse(e.Data.Span)!["claimId"]!.GetValue<string>()] = e.Metadata.Extra;
            }
        }
        var unreviewed = DraftAcceptance.Read(stored[draft.Claims[0].Id!]);
        var byAnalyst = DraftAcceptance.Read(stored[draft.Claims[1].Id!]);
        Assert.Equal("unreviewed", unreviewed!.Accepted);
        Assert.Contains("--accept-proposed", unreviewed.How, StringComparison.Ordinal);
        Assert.Equal(draft.Claims[0].Cue, unreviewed.Cue);
        Assert.Equal("reviewed", byAnalyst!.Accepted);
        Assert.Equal(draft.Claims[1].Cue, byAnalyst.Cue);

        var trace = await ledger.Mediator.Send(new TraceClaim(draft.Claims[0].Id!, "IRQ-JOR"));
        Assert.Equal("unreviewed", trace.Drafted?.Accepted);
    }

    [Fact]
    public async Task A_claim_no_draft_made_has_no_draft_metadata()
    {
        await using var ledger = TestLedger.Create();
        var draft = await ledger.Mediator.Send(new DraftArticle(Text, Published: "2024-03-05", Dyad: "IRQ-JOR"));
        var handWritten = draft with { Claims = [draft.Claims![0] with { Proposed = null, Cue = null }] };
        ledger.Write("hand.claims.json", DraftJson.Serialize(handWritten));

        await ledger.Mediator.Send(ImportDocumentReader.Read(Path.Combine(ledger.Directory, "hand.claims.json"), "tester"));

        var trace = await ledger.Mediator.Send(new TraceClaim(draft.Claims[0].Id!, "IRQ-JOR"));
        Assert.Null(trace.Drafted);
        await foreach (var e in ledger.Store.ReadAllAsync())
        {
            Assert.Null(DraftAcceptance.Read(e.Metadata.Extra));
        }
    }
}
