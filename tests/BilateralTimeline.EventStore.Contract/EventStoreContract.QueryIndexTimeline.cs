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

    [Fact]
    public async Task A_timeline_page_at_any_known_at_reads_no_range_again_while_no_claim_vacates_an_office()
    {
        // Given an index that has folded a ledger of 200 events in which no claim ends a tenure
        var batches = RandomLedger.Generate(13, 200)
            .Select(b => (b.Wait, (IReadOnlyList<Domain.ILedgerEvent>)b.Events.Select(e => e is Domain.Claims.ClaimRecorded c ? c with { Effects = [.. c.Effects.Where(f => f.Status != "vacated")] } : e).ToList()))
            .ToList();
        await AppendLedgerAsync(batches, -1);
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var watched = new WatchedStore(Store);
        await using var indexed = Queries(watched, new LedgerIndex(watched, SmallSpacing, FewCheckpoints));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null));
        var head = watched.StreamEventsRead;
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), recorded[^1].Recorded));
        var overhead = watched.StreamEventsRead - head;
        var random = new Random(13);

        for (var round = 0; round < 12; round++)
        {
            // When asked at a known-at between checkpoints
            var knownAt = recorded[random.Next(1, recorded.Count - 1)].Recorded;
            var question = new GetTimeline(null, new DateOnly(2017, 6, 1).AddDays(random.Next(2600)), knownAt, Limit: random.Next(1, 8));
            var before = watched.StreamEventsRead;
            var answer = await AnswerAsync(Mediator(indexed), question);

            // Then the entry versions answer: nothing is read beyond what the head's question reads, and the page is the fold's
            Assert.Equal(overhead, watched.StreamEventsRead - before);
            Assert.Equal(await AnswerAsync(Mediator(oracle), question), answer);
        }
    }
}
