using BilateralTimeline.Application.Ledger.DeciderIndex;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Tests.Ledger;

/// <summary>
/// A claim row written from the bytes the write stored the claim as (instead of serialising the claim a
/// second time) is the row the slow path writes, byte for byte: the same index whichever path wrote it.
/// </summary>
public sealed class LedgerSlicesSpliceTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(42)]
    public void Claim_rows_from_stored_bytes_equal_the_rows_serialised_again(int seed)
    {
        // Given a state with claims in every condition (revised, retracted, linked, superseded, redated)
        var history = HistoryGenerator.History(new Random(seed), claimCount: 300, correctionCount: 300).Select(h => h.Event).ToList();
        var state = history.Aggregate(LedgerState.Empty, LedgerState.Evolve);
        var stored = new Dictionary<ClaimRecorded, ReadOnlyMemory<byte>>(ReferenceEqualityComparer.Instance);
        foreach (var claim in history.OfType<ClaimRecorded>())
        {
            stored[claim] = EventSerializer.Serialize(claim);
        }

        // When every claim key is written both ways, then the documents are the same
        var keys = LedgerSlices.Keys(state).Where(k => k.StartsWith("c:", StringComparison.Ordinal)).ToList();
        Assert.True(keys.Count >= 100, $"{keys.Count} claim keys");
        foreach (var key in keys)
        {
            Assert.Equal(LedgerSlices.Document(state, key), LedgerSlices.Document(state, key, stored));
        }
        Assert.Contains(keys, k => state.Retracted.ContainsKey(k[2..]));
        Assert.Contains(keys, k => state.OccurrenceOfClaim.ContainsKey(k[2..]));
    }

    [Fact]
    public void A_claim_row_is_spliced_only_from_the_bytes_of_that_very_claim()
    {
        // Given bytes at hand for an equal but other instance of the claim (a row must never take another's bytes)
        var history = HistoryGenerator.History(new Random(5), claimCount: 20, correctionCount: 0).Select(h => h.Event).ToList();
        var state = history.Aggregate(LedgerState.Empty, LedgerState.Evolve);
        var claim = history.OfType<ClaimRecorded>().First();
        var wrong = new Dictionary<ClaimRecorded, ReadOnlyMemory<byte>>(ReferenceEqualityComparer.Instance) { [claim with { }] = "{\"not\":\"this\"}"u8.ToArray() };

        // Then the row is serialised from the state's own claim
        Assert.Equal(LedgerSlices.Document(state, "c:" + claim.ClaimId), LedgerSlices.Document(state, "c:" + claim.ClaimId, wrong));
    }
}
