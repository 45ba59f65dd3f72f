using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using BilateralTimeline.EventStore.Contract.Snapshots;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// The state terms a server holds between questions (<see cref="HeldStateTerms"/>) against their oracle, the
/// full fold: one long-lived set of views answers random questions while the ledger grows a few batches at a
/// time, other processes store terms behind its back and stored segments are damaged; every answer is the
/// fold's to the digit, and a write's tail continues the held terms instead of reading them again.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(53)]
    public async Task Every_state_from_terms_a_server_holds_is_the_full_folds(int seed)
    {
        // Given one server's views over a random ledger that grows a few batches at a time
        var batches = RandomLedger.Generate(seed, 200);
        var random = new Random(seed * 104729);
        var cap = seed % 2 == 0 ? StateTermViews.DefaultMergeCap : 40;
        var held = new HeldStateTerms();
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var server = Queries(Store, new StateTermViews(Store, Projections, new FullFoldViews(Store), 0, random.Next(1, 64), cap, held));
        var at = batches.Count / 4;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        var (damaged, behind, asked) = (0, 0, 0);
        while (at < batches.Count)
        {
            var part = batches.Skip(at).Take(random.Next(1, 6)).ToList();
            at += part.Count;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            for (var round = random.Next(1, 4); round > 0; round--)
            {
                // And now and then a stored segment damaged, or another process storing terms of its own
                if (random.Next(10) == 0 && await DamageTermsAsync(random.Next(5)))
                {
                    damaged++;
                }
                else if (random.Next(6) == 0)
                {
                    await using var other = Queries(Store, new StateTermViews(Store, Projections, new FullFoldViews(Store), 0, random.Next(1, 64), cap));
                    await Mediator(other).Send(new GetRelationshipState(null, new DateOnly(2030, 1, 1), null));
                    behind++;
                }

                // When
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var limit = random.Next(4) == 0 ? (int?)null : random.Next(1, 6);
                var cursor = limit is not null && random.Next(2) == 0 ? PageCursor.Encode(random.Next(8)) : null;
                var question = new GetRelationshipState(null, asOf, knownAt, null, limit, cursor);

                // Then
                var expected = await AnswerAsync(Mediator(oracle), question);
                var actual = await AnswerAsync(Mediator(server), question);
                Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, as of {asOf}, known at {knownAt:O}, limit {limit}, cursor {cursor}:\nfull fold: {expected}\nheld:      {actual}");
                asked++;
            }
        }
        Assert.True(damaged > 0 && behind > 0, $"seed {seed}: {damaged} damaged, {behind} stored behind the server: the property no longer covers both");
        // Only the first question, a damage or another process's store makes the server read the segments again, not its own catch-ups.
        Assert.True(held.Reads <= 1 + damaged + behind, $"seed {seed}: the segments were read {held.Reads} times for {asked} questions");
    }

    [Fact]
    public async Task Questions_beside_a_held_catch_up_get_the_full_folds_answers_and_the_tail_continues_the_held_terms()
    {
        // Given a server holding the terms of a random ledger, then more events
        var batches = RandomLedger.Generate(54, 400);
        var random = new Random(54);
        var held = new HeldStateTerms();
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var counting = new CountingStore(Store);
        await using var server = Queries(counting, new StateTermViews(counting, Projections, new FullFoldViews(counting), 0, 64, StateTermViews.DefaultMergeCap, held));
        var half = batches.Count / 2;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(half)], -1L);
        var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null, null, 5);
        Assert.Equal(Json(await Mediator(oracle).Send(now)), Json(await Mediator(server).Send(now)));
        // What the first question folded, then what each tail adds, then a few events per question (the head, the segments' last events).
        long allowed = lastRevision + 1;
        var at = half;
        for (var write = 0; write < 6; write++)
        {
            // Tails shorter than the snapshot threshold: each is merged with the short ones stored before it.
            var part = batches.Skip(at).Take(1 + (write % 2)).ToList();
            at += part.Count;
            var before = lastRevision;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            allowed += lastRevision - before;
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            var questions = Enumerable.Range(0, 8).Select(i =>
            {
                var (asOf, knownAt) = RandomTimes(random, recorded);
                // Every mover: the page prints records from the merged segments too.
                return new GetRelationshipState(null, asOf, i % 2 == 0 ? null : knownAt, null, i % 4 < 2 ? null : random.Next(1, 6));
            }).ToList();

            // When they are asked all at once, the ones about now needing the tail
            var answers = await Task.WhenAll(questions.Select(q => Task.Run(() => AnswerAsync(Mediator(server), q))));

            // Then each is the fold's
            for (var i = 0; i < questions.Count; i++)
            {
                Assert.Equal(await AnswerAsync(Mediator(oracle), questions[i]), answers[i]);
            }
            allowed += questions.Count * 6;
        }

        // And the segments were read once and the log folded once: every later tail continued the held terms, merged ones too
        Assert.Equal(1, held.Reads);
        Assert.True(counting.StreamEventsRead <= allowed, $"{counting.StreamEventsRead} events read where the tails and the first fold were {allowed}: a question folded the log again");
        Assert.True((await SegmentsAsync().ToListAsync()).Count <= 3, "the tails were not merged: the test no longer covers held terms under a merged segment");
    }
}
