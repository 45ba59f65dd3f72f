using BilateralTimeline.Application.Features.Corrections.RetractClaim;
using BilateralTimeline.Application.Features.Corrections.ReviseConfidence;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Tests.TestSupport;
using BilateralTimeline.Application.Validation;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Corrections;

public sealed class ConcurrentCorrectionsTests
{
    [Fact]
    public async Task Eight_corrections_of_the_same_claim_at_once_each_land_or_are_refused_on_the_newer_ledger_never_lost()
    {
        await using var ledger = await TestLedger.WithBaselineAsync();
        var before = await ledger.LogAsync();
        var changesBefore = (await LedgerView.LoadAsync(ledger.Store, DyadId.Parse("AZE-IRN"), null, CancellationToken.None)).Claims["c-closure"].Changes.Count;

        // Writers in one process take turns: each decides on the ledger the one before left, so none
        // conflicts, and what no longer fits (a claim retracted meanwhile) is refused.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await (i % 2 == 0
                    ? ledger.Mediator.Send(new RetractClaim("AZE-IRN", "c-closure", $"retraction {i}", "analyst-a"))
                    : ledger.Mediator.Send(new ReviseConfidence("AZE-IRN", "c-closure", "E", 1 + (i / 2), null, $"revision {i}", "analyst-b")));
                return "ok";
            }
            catch (WrongExpectedRevisionException)
            {
                return "conflict";
            }
            catch (InputRejectedException)
            {
                // A writer that read the ledger after the winner sees a retracted claim: refused, not lost.
                return "refused";
            }
        }));

        Assert.Contains("ok", outcomes);
        Assert.DoesNotContain("conflict", outcomes);
        var after = await ledger.LogAsync();
        var view = await LedgerView.LoadAsync(ledger.Store, DyadId.Parse("AZE-IRN"), null, CancellationToken.None);
        var changes = view.Claims["c-closure"].Changes.Count - changesBefore;
        Assert.Equal(after.Count - before.Count, changes);
        Assert.Equal(outcomes.Count(o => o == "ok"), changes);
        Assert.True(outcomes.Count(o => o == "ok") < outcomes.Length, string.Join(", ", outcomes));
    }
}
