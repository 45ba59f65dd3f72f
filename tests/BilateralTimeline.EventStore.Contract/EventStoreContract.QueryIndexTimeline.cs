using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The serve index answers a timeline page from entry versions in the timeline's order, without a view: each
/// page, window and cursor included, must be the page the full fold gives, while the index follows the log.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Every_timeline_page_through_the_index_is_the_page_of_the_full_fold(int seed)
    {
        // Given a random ledger written in three parts, asked about between them
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
            for (var round = 0; round < 15; round++)
            {
                // When
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var from = random.Next(3) == 0 ? new DateOnly(2018, 1, 1).AddDays(random.Next(2000)) : (DateOnly?)null;
                DateOnly? to = random.Next(3) == 0 ? (from ?? new DateOnly(2018, 1, 1)).AddDays(random.Next(700)) : null;
                int? limit = random.Next(4) == 0 ? null : random.Next(1, 12);
                var cursor = random.Next(3) == 0 ? Application.Projections.PageCursor.Encode(random.Next(1, 20)) : null;
                var question = new GetTimeline(null, asOf, knownAt, from, to, limit, cursor);

                // Then
                var expected = await AnswerAsync(Mediator(oracle), question);
                var actual = await AnswerAsync(Mediator(indexed), question);
                Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, {question}:\nfull fold: {expected}\nindex:     {actual}");
            }
        }
    }
}
