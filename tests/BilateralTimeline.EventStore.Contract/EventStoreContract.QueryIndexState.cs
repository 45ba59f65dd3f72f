using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The state `bt serve` answers from its entry log (<see cref="LedgerIndex.StateAsync"/>) against the full
/// fold, on random ledgers written through this store while the index follows them: every page of the
/// movers at random (as-of, known-at) pairs, and every other figure on it, must be the fold's to the digit.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task Every_page_of_the_state_from_the_entry_log_is_the_full_folds(int seed)
    {
        // Given a random ledger written in three parts, the index asked between them
        var batches = RandomLedger.Generate(seed, 300);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var indexed = Queries(Store, new LedgerIndex(Store, SmallSpacing, FewCheckpoints));
        var random = new Random(seed * 31);
        var lastRevision = -1L;
        var third = batches.Count / 3;
        foreach (var part in new[] { batches.Take(third), batches.Skip(third).Take(third), batches.Skip(2 * third) })
        {
            lastRevision = await AppendLedgerAsync(part.ToList(), lastRevision);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            for (var round = 0; round < 12; round++)
            {
                // When one page of the movers is asked at random times
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var limit = random.Next(4) == 0 ? (int?)null : random.Next(1, 6);
                var cursor = limit is not null && random.Next(2) == 0 ? Application.Projections.PageCursor.Encode(random.Next(8)) : null;
                var question = new GetRelationshipState(null, asOf, knownAt, null, limit, cursor);

                // Then
                var expected = await AnswerAsync(Mediator(oracle), question);
                var actual = await AnswerAsync(Mediator(indexed), question);
                Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, as of {asOf}, known at {knownAt:O}, limit {limit}, cursor {cursor}:\nfull fold: {expected}\nindex:     {actual}");
            }
        }
    }
}
