using System.Text.Json;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Tests.Properties;
using FsCheck.Xunit;

namespace BilateralTimeline.Application.Tests.Projections;

/// <summary>
/// The state projection's runner folds without claim histories (it never shows them, and they were a sixth of
/// its memory at a million events): such a fold is the full fold with every claim's history left empty.
/// </summary>
public sealed class ClaimHistoryFreeFoldTests
{
    [Property(MaxTest = 100)]
    public void A_fold_without_claim_histories_equals_the_full_fold_with_the_histories_emptied(int seed)
    {
        // Given a random history with corrections
        var random = new Random(seed);
        var history = HistoryGenerator.History(random, claimCount: random.Next(2, 12), correctionCount: random.Next(0, 20));
        var full = LedgerView.Create().ToBuilder();
        var bare = LedgerView.Create().ToBuilder();
        bare.KeepsClaimChanges = false;

        // When both folds take it, frozen now and then as a runner freezes at its commits
        for (var i = 0; i < history.Count; i++)
        {
            var envelope = new LedgerEnvelope(history[i].Event, i + 1, i, Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddSeconds(i), "tester");
            full.Apply(envelope);
            bare.Apply(envelope);
            if (random.Next(4) == 0)
            {
                bare.ToImmutable();
            }
        }

        // Then they differ only in the histories, which the bare fold does not hold
        var expected = full.ToImmutable();
        var actual = bare.ToImmutable();
        Assert.All(actual.Claims.Values, c => Assert.Empty(c.Changes));
        var emptied = expected with { Claims = expected.Claims.SetItems(expected.Claims.Select(kv => KeyValuePair.Create(kv.Key, kv.Value with { Changes = [] }))) };
        Assert.Equal(JsonSerializer.Serialize(emptied, LedgerJson.Options), JsonSerializer.Serialize(actual, LedgerJson.Options));
    }
}
