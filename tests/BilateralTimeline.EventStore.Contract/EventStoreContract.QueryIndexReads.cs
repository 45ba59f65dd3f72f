using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// What the query index of `bt serve` reads from the store: it keeps no decoded events (a million of
/// them held 4 GB), so a view between two checkpoints folds a short range read again from the store.
/// </summary>
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task A_view_between_checkpoints_reads_again_only_the_range_after_its_checkpoint()
    {
        // Given an index that has folded a whole ledger of 200 events
        var recorded = await WriteRandomLedgerAsync(9, 200);
        var watched = new WatchedStore(Store);
        await using var indexed = Queries(watched, new LedgerIndex(watched, SmallSpacing, FewCheckpoints));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null));
        var random = new Random(9);

        // What a question at a known-at costs that needs no range: the head's view (the catch-up, the question's own checks)
        var head = watched.StreamEventsRead;
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2021, 1, 1), recorded[^1].Recorded));
        var overhead = watched.StreamEventsRead - head;

        long reread = 0;
        for (var round = 0; round < 12; round++)
        {
            // When asked at a known-at inside the history (the timeline: the state needs no view, see below)
            var knownAt = recorded[random.Next(1, recorded.Count - 1)].Recorded;
            var question = new GetTimeline(null, new DateOnly(2021, 1, 1), knownAt);
            var before = watched.StreamEventsRead;
            var answer = await AnswerAsync(Mediator(indexed), question);
            var read = watched.StreamEventsRead - before;

            // Then it answers as the full fold does, reading at most a spacing of events (a few of the 200)
            Assert.Equal(await AnswerAsync(Mediator(oracle), question), answer);
            Assert.True(read - overhead <= 2 * recorded.Count / FewCheckpoints, $"round {round}: {read - overhead} events read again for one view");
            reread += read - overhead;
        }
        Assert.True(reread > 0, "no view re-read its range: the index holds the events themselves");
    }

    [Fact]
    public async Task A_state_question_at_any_known_at_reads_no_range_again_and_answers_as_the_full_fold()
    {
        // Given an index that has folded a whole ledger of 200 events
        var recorded = await WriteRandomLedgerAsync(11, 200);
        var watched = new WatchedStore(Store);
        await using var indexed = Queries(watched, new LedgerIndex(watched, SmallSpacing, FewCheckpoints));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await Mediator(indexed).Send(new GetRelationshipState(null, new DateOnly(2021, 1, 1), null));
        var head = watched.StreamEventsRead;
        await Mediator(indexed).Send(new GetRelationshipState(null, new DateOnly(2021, 1, 1), recorded[^1].Recorded));
        var overhead = watched.StreamEventsRead - head;
        var random = new Random(11);

        for (var round = 0; round < 12; round++)
        {
            // When asked at a known-at between checkpoints
            var knownAt = recorded[random.Next(1, recorded.Count - 1)].Recorded;
            var question = new GetRelationshipState(null, new DateOnly(2017, 6, 1).AddDays(random.Next(2600)), knownAt, Limit: random.Next(1, 6));
            var before = watched.StreamEventsRead;
            var answer = await AnswerAsync(Mediator(indexed), question);

            // Then the entry log answers: nothing is read beyond what the head's question reads, and the answer is the fold's
            Assert.Equal(overhead, watched.StreamEventsRead - before);
            Assert.Equal(await AnswerAsync(Mediator(oracle), question), answer);
        }
    }

    [Fact]
    public async Task A_range_that_changed_before_the_index_read_it_again_makes_the_index_start_over()
    {
        // Given an index that has folded a whole ledger
        var recorded = await WriteRandomLedgerAsync(10, 120);
        var watched = new WatchedStore(Store);
        var index = new LedgerIndex(watched, SmallSpacing, FewCheckpoints);
        await using var indexed = Queries(watched, index);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await Mediator(indexed).Send(new GetTimeline(null, new DateOnly(2030, 1, 1), null));

        // When the range a view needs reads back other than it was folded (a known-at on a checkpoint needs none: the next one)
        watched.RewriteNextRangedRead = true;
        GetTimeline? question = null;
        string? answer = null;
        for (var i = recorded.Count / 2; watched.RewriteNextRangedRead && i < recorded.Count - 1; i++)
        {
            question = new GetTimeline(null, new DateOnly(2030, 1, 1), recorded[i].Recorded);
            answer = await AnswerAsync(Mediator(indexed), question);
        }

        // Then the index starts over once and still answers what the full fold answers
        Assert.False(watched.RewriteNextRangedRead);
        Assert.Equal(await AnswerAsync(Mediator(oracle), question!), answer);
        Assert.Equal(1, index.RebuildsOf(IndexedDyad));
    }
}
