using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Projections.TimelineVersions;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using BilateralTimeline.EventStore.Contract.Snapshots;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The stored timeline segments a server holds between pages (<see cref="HeldTimelines"/>) against their oracle, the
/// full fold: one long-lived set of views answers random pages, side by side, while the ledger grows a few batches at a
/// time, other processes store segments behind its back and stored pieces are damaged; every page is the fold's, and a
/// tail folded but not stored is not folded again for the next page at the same head.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public async Task Every_timeline_page_from_segments_a_server_holds_is_the_full_folds(int seed)
    {
        // Given one server's views over a random ledger that grows a few batches at a time
        var batches = RandomLedger.Generate(seed, 200);
        var random = new Random(seed * 7907);
        var blocks = TimelineBlocks.Of(1 << random.Next(2, 6));
        var writeAfter = random.Next(8, 64);
        var held = new HeldTimelines();
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var server = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, writeAfter, blocks, held));
        var at = batches.Count / 4;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        var (damaged, behind) = (0, 0);
        while (at < batches.Count)
        {
            var part = batches.Skip(at).Take(random.Next(1, 6)).ToList();
            at += part.Count;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            // And now and then a stored piece damaged, or another process storing segments of its own
            if (random.Next(8) == 0 && await DamageTimelineAsync(random.Next(8)))
            {
                damaged++;
            }
            else if (random.Next(5) == 0)
            {
                await using var other = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, blocks));
                await Mediator(other).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5));
                behind++;
            }

            // When a few pages are asked at once
            var questions = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
            {
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var from = random.Next(3) == 0 ? new DateOnly(2018, 1, 1).AddDays(random.Next(2000)) : (DateOnly?)null;
                int? limit = random.Next(4) == 0 ? null : random.Next(1, 12);
                var cursor = random.Next(3) == 0 ? PageCursor.Encode(random.Next(1, 20)) : null;
                return new GetTimeline(null, asOf, knownAt, from, null, limit, cursor);
            }).ToList();
            var answers = await Task.WhenAll(questions.Select(q => Task.Run(() => AnswerAsync(Mediator(server), q))));

            // Then each is the fold's
            for (var i = 0; i < questions.Count; i++)
            {
                var expected = await AnswerAsync(Mediator(oracle), questions[i]);
                Assert.True(expected == answers[i], $"seed {seed}, after {recorded.Count} events, {blocks}, {questions[i]}:\nfull fold: {expected}\nheld:      {answers[i]}");
            }
        }
        Assert.True(damaged > 0 && behind > 0, $"seed {seed}: {damaged} damaged, {behind} stored behind the server: the property no longer covers both");
    }

    [Fact]
    public async Task Held_segments_answer_later_pages_after_the_question_that_first_read_them_was_cancelled()
    {
        // Given a server holding the stored segments a first question read, whose caller has gone since (a closed
        // connection cancels its request's token: segments that kept reading through it failed every later page)
        var batches = RandomLedger.Generate(65, 200);
        await AppendLedgerAsync([.. batches], -1L);
        var blocks = TimelineBlocks.Of(4);
        await using (var writer = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, blocks)))
        {
            await Mediator(writer).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5));
        }
        await using var server = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, blocks, new HeldTimelines()));
        using (var gone = new CancellationTokenSource())
        {
            await Mediator(server).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5), gone.Token);
            await gone.CancelAsync();
        }

        // When other questions read blocks the first did not
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var asked = 0;
        for (var i = 3; i < recorded.Count; i += 17)
        {
            var question = new GetTimeline(null, new DateOnly(2030, 1, 1), recorded[i].Recorded, null, null, 3, PageCursor.Encode(i % 5));

            // Then each is answered, and is the fold's
            Assert.Equal(await AnswerAsync(Mediator(oracle), question), await AnswerAsync(Mediator(server), question));
            asked++;
        }
        Assert.True(asked >= 5, $"only {asked} questions were asked");
    }

    [Fact]
    public async Task A_tail_a_server_folded_without_storing_it_is_not_folded_again_for_the_next_page()
    {
        // Given a server whose stored timeline ends before a short tail (too short to store)
        var batches = RandomLedger.Generate(64, 200);
        var half = batches.Count / 2;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(half)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 20);
        await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
        lastRevision = await AppendLedgerAsync([.. batches.Skip(half).Take(3)], lastRevision);
        var counting = new CountingStore(Store);
        var held = new HeldTimelines();
        // Tenure findings are folded by the inner views (uncounted): what is counted is what the stored path itself read.
        await using var server = Queries(counting, new TimelineVersionViews(counting, Projections, new FullFoldViews(Store), 0, 1024, TimelineBlocks.Default, held));
        var expected = Json(await Mediator(oracle).Send(now));
        Assert.Equal(expected, Json(await Mediator(server).Send(now)));
        var first = counting.StreamEventsRead;

        // When the same page is asked again, and again after one more event
        Assert.Equal(expected, Json(await Mediator(server).Send(now)));
        var again = counting.StreamEventsRead - first;
        await AppendLedgerAsync([.. batches.Skip(half + 3).Take(1)], lastRevision);
        Assert.Equal(Json(await Mediator(oracle).Send(now)), Json(await Mediator(server).Send(now)));

        // Then the second reads no more than the head and its checks, the first had folded the tail
        Assert.True(first > 3, $"the first page read {first} events: it did not fold the tail");
        Assert.True(again <= 4, $"the page at the same head read {again} events: the held tail was folded again");
    }

    [Fact]
    public async Task After_a_write_pages_about_earlier_recording_times_walk_the_stored_segments_the_server_holds()
    {
        // Given a server holding a dyad's stored segments, and an event written since it read them
        var batches = RandomLedger.Generate(68, 200);
        var blocks = TimelineBlocks.Of(4);
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5);
        var lastRevision = await AppendAndStoreTimelineAsync([.. batches.SkipLast(1)], blocks, now);
        var directories = new CountingProjections(Projections, "d:");
        await using var server = Queries(Store, new TimelineVersionViews(Store, directories, new FullFoldViews(Store), 0, 1, blocks, new HeldTimelines()));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var earlier = Enumerable.Range(0, 6).Select(i => new GetTimeline(null, new DateOnly(2030, 1, 1), recorded[(i * 37) % recorded.Count].Recorded, null, null, 4, PageCursor.Encode(i % 3))).ToList();
        Assert.Equal(await AnswerAsync(Mediator(oracle), earlier[0]), await AnswerAsync(Mediator(server), earlier[0]));
        var loaded = directories.Read;
        await AppendLedgerAsync([.. batches.TakeLast(1)], lastRevision);

        // When pages about recording times before the write are asked, then the page about now
        foreach (var question in earlier)
        {
            // Then each is the fold's, and no stored directory is read again
            Assert.Equal(await AnswerAsync(Mediator(oracle), question), await AnswerAsync(Mediator(server), question));
        }
        Assert.True(loaded > 0, "the server's first page read no directory: the stored segments were not used");
        Assert.Equal(loaded, directories.Read);
        // And the page about now takes the write in
        Assert.Equal(await AnswerAsync(Mediator(oracle), now), await AnswerAsync(Mediator(server), now));
    }

    [Fact]
    public async Task After_a_write_pages_about_now_asked_at_once_fold_the_tail_once()
    {
        // Given a server holding a dyad's stored segments, a tail written since (too short to store), and tail reads slow
        // enough for every page to be under way before the first fold of the tail ends
        var batches = RandomLedger.Generate(69, 200);
        var blocks = TimelineBlocks.Of(4);
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5);
        var lastRevision = await AppendAndStoreTimelineAsync([.. batches.SkipLast(3)], blocks, now);
        var counting = new CountingStore(Store, pauseTailReads: TimeSpan.FromMilliseconds(300));
        // Tenure findings are folded by the inner views (uncounted): what is counted is what the stored path itself read.
        await using var server = Queries(counting, new TimelineVersionViews(counting, Projections, new FullFoldViews(Store), 0, 1024, blocks, new HeldTimelines()));
        await AnswerAsync(Mediator(server), now);
        await AppendLedgerAsync([.. batches.TakeLast(3)], lastRevision);
        var before = counting.TailReads;

        // When four pages about now are asked at once
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => AnswerAsync(Mediator(server), now))));

        // Then each is the fold's, and the tail was read once: the others waited and walked what the first held
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var expected = await AnswerAsync(Mediator(oracle), now);
        Assert.All(pages, page => Assert.Equal(expected, page));
        Assert.Equal(1, counting.TailReads - before);
    }

    [Fact]
    public async Task A_write_landing_while_a_page_walks_a_held_tail_not_stored_is_folded_from_the_stored_rows()
    {
        // Given a server that folded a short tail after its stored segments for a page about now, and holds it unstored
        // (the rows kept beside the segments reflect only the stored ones)
        var batches = RandomLedger.Generate(70, 200);
        var blocks = TimelineBlocks.Of(4);
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 5);
        var lastRevision = await AppendAndStoreTimelineAsync([.. batches.SkipLast(4)], blocks, now);
        lastRevision = await AppendLedgerAsync([.. batches.SkipLast(2).TakeLast(2)], lastRevision);
        var landing = new LandingStore(Store);
        var inner = new CountingTimelineViews(new FullFoldViews(Store));
        await using var server = Queries(landing, new TimelineVersionViews(landing, Projections, inner, 0, 1024, blocks, new HeldTimelines()));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        Assert.Equal(await AnswerAsync(Mediator(oracle), now), await AnswerAsync(Mediator(server), now));
        var before = inner.Pages;

        // When another writer's events land after the page looked at the head, before it checked what follows the held tail
        landing.LandBefore(lastRevision + 1, () => AppendLedgerAsync([.. batches.TakeLast(2)], lastRevision));
        var page = await AnswerAsync(Mediator(server), now);

        // Then the page is the fold's, the server folded the new events onto the stored rows itself, and handed nothing
        // down (in a server, that is a fold of the whole history: 40 s and 1.8 GB at a million events, four clients)
        Assert.True(landing.Landed, "the write did not land during the page: the test no longer covers the race");
        Assert.Equal(await AnswerAsync(Mediator(oracle), now), page);
        Assert.Equal(before, inner.Pages);
    }

    /// <summary>Appends a ledger, then asks <paramref name="page"/> of a one-shot process, which stores its timeline segments; the last revision.</summary>
    private async Task<long> AppendAndStoreTimelineAsync(IReadOnlyList<(TimeSpan Wait, IReadOnlyList<Domain.ILedgerEvent> Events)> batches, TimelineBlocks blocks, GetTimeline page)
    {
        var lastRevision = await AppendLedgerAsync(batches, -1L);
        await using var writer = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, blocks));
        await Mediator(writer).Send(page);
        return lastRevision;
    }

    [Fact]
    public async Task Pages_asked_at_once_of_a_server_holding_nothing_fold_the_stream_once()
    {
        // Given a server whose store holds no timeline segments yet (a new build's, or a first start), whose log reads of a
        // whole stream start slowly enough for every question to be under way before the first fold ends
        var batches = RandomLedger.Generate(66, 200);
        await AppendLedgerAsync([.. batches], -1L);
        var counting = new CountingStore(Store, TimeSpan.FromMilliseconds(300));
        // Tenure findings are folded by the inner views (uncounted): what is counted is what the stored path itself read.
        await using var server = Queries(counting, new TimelineVersionViews(counting, Projections, new FullFoldViews(Store), 0, 1, TimelineBlocks.Of(4), new HeldTimelines()));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var random = new Random(66);
        var questions = Enumerable.Range(0, 4).Select(_ =>
        {
            var (asOf, knownAt) = RandomTimes(random, recorded);
            return new GetTimeline(null, asOf, knownAt, Limit: 7);
        }).ToList();

        // When four pages are asked at once
        var answers = await Task.WhenAll(questions.Select(q => Task.Run(() => AnswerAsync(Mediator(server), q))));

        // Then each is the fold's, and only one of them folded the stream: the others waited and read what it stored
        for (var i = 0; i < questions.Count; i++)
        {
            Assert.Equal(await AnswerAsync(Mediator(oracle), questions[i]), answers[i]);
        }
        Assert.Equal(1, counting.WholeReads);
        Assert.True(counting.StreamEventsRead < recorded.Count + 40, $"{counting.StreamEventsRead} events read for a stream of {recorded.Count}: it was folded more than once");
    }

    [Fact]
    public async Task A_first_state_and_a_first_page_asked_at_once_of_a_server_fold_the_stream_one_after_the_other()
    {
        // Given a server whose store holds no stored parts yet (a new build's), its held state terms and timelines sharing
        // one turn for whole folds, and log reads of a whole stream that start slowly enough to overlap if they can
        var batches = RandomLedger.Generate(67, 200);
        await AppendLedgerAsync([.. batches], -1L);
        var counting = new CountingStore(Store, TimeSpan.FromMilliseconds(300));
        var folds = new WholeFolds();
        var state = new StateTermViews(counting, Projections, new FullFoldViews(Store), 0, 1, StateTermViews.DefaultMergeCap, new HeldStateTerms(folds));
        await using var server = Queries(counting, new TimelineVersionViews(counting, Projections, state, 0, 1, TimelineBlocks.Of(4), new HeldTimelines(folds)));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        var (asOf, knownAt) = RandomTimes(new Random(67), recorded);
        var page = new GetTimeline(null, asOf, knownAt, Limit: 7);
        var now = new GetRelationshipState(null, asOf, knownAt, null, 5);

        // When a state and a page are asked at once
        var answers = await Task.WhenAll(Task.Run(() => AnswerAsync(Mediator(server), page)), Task.Run(() => AnswerAsync(Mediator(server), now)));

        // Then both are the fold's, each folded the stream, and never at the same time
        Assert.Equal(await AnswerAsync(Mediator(oracle), page), answers[0]);
        Assert.Equal(await AnswerAsync(Mediator(oracle), now), answers[1]);
        Assert.Equal(2, counting.WholeReads);
        Assert.Equal(1, counting.MostWholeReadsAtOnce);
    }
}
