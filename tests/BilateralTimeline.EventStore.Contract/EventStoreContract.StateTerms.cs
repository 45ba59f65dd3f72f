using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.StateVersions;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using BilateralTimeline.EventStore.Contract.Snapshots;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// Cold state queries from the persisted state terms (<see cref="StateTermViews"/>) against their oracle,
/// the full fold: on random ledgers written in parts, random corrections and random (as-of, known-at)
/// pairs and pages, each cold process gives the fold's JSON to the digit, whether it answered from the
/// stored segments alone or caught up first; a segment damaged in the store is ignored and rewritten.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public async Task Every_cold_state_from_the_persisted_terms_is_the_full_folds(int seed)
    {
        // Given a random ledger written in three parts, asked about by one cold process after another, and now and then a stored segment damaged
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var random = new Random(seed * 7919);
        var damaged = 0;
        await AfterEachThirdAsync(seed, 300, async recorded =>
        {
            for (var round = 0; round < 10; round++)
            {
                if (random.Next(4) == 0 && await DamageTermsAsync(random.Next(5)))
                {
                    damaged++;
                }
                // A small merging cap now and then: its long segments are never merged, and are read without their ended versions when the question lies past them.
                var views = new StateTermViews(Store, Projections, new FullFoldViews(Store), 0, random.Next(1, 120), random.Next(3) == 0 ? StateTermViews.DefaultMergeCap : random.Next(4, 120));
                await using var cold = Queries(Store, views);

                // When
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var limit = random.Next(4) == 0 ? (int?)null : random.Next(1, 6);
                var cursor = limit is not null && random.Next(2) == 0 ? PageCursor.Encode(random.Next(8)) : null;
                var question = new GetRelationshipState(null, asOf, knownAt, null, limit, cursor);

                // Then
                var expected = await AnswerAsync(Mediator(oracle), question);
                var actual = await AnswerAsync(Mediator(cold), question);
                Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, as of {asOf}, known at {knownAt:O}, limit {limit}, cursor {cursor}:\nfull fold: {expected}\nterms:     {actual}");
            }

            // And once the terms reach the head, a cold process reads no more than a few events of the stream
            var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
            await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));
            Assert.True(await ColdStateReadsAsync(now, await Mediator(oracle).Send(now)) <= 8, "a cold state read the stream although the terms reach its head");
        });
        Assert.True(damaged > 0 || seed != 31, "seed 31 never damaged a segment: the property no longer covers it");
    }

    [Fact]
    public async Task A_catch_up_folds_only_the_tail_and_appends_its_segment_after_the_stored_ones()
    {
        // Given terms at the head of a random ledger, then more events
        var batches = RandomLedger.Generate(36, 150);
        // A tail of a fifth: the stored segment is more than twice its length, so the tail is not merged into it.
        var half = batches.Count * 4 / 5;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(half)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
        await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));
        await AppendLedgerAsync([.. batches.Skip(half)], lastRevision);
        var all = (await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync()).Count;

        // When
        var reads = await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));

        // Then
        Assert.True(reads < all - (int)lastRevision + 8, $"{reads} events read for a tail of {all - lastRevision - 1}");
        Assert.Equal(2, (await SegmentsAsync().ToListAsync()).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_damaged_segment_of_state_terms_is_ignored_and_rewritten(int damage)
    {
        // Given terms stored by a cold query, then damaged
        var recorded = await WriteRandomLedgerAsync(34, 120);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var question = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null, null, 100);
        var expected = await Mediator(oracle).Send(question);
        Assert.True(await ColdStateReadsAsync(question, expected) >= recorded.Count, "the first cold query did not fold the stream");
        Assert.True(await DamageTermsAsync(damage));

        // Then the next folds the stream again, and the one after it answers from the rewritten terms
        Assert.True(await ColdStateReadsAsync(question, expected) >= recorded.Count, "a damaged segment was trusted");
        Assert.True(await ColdStateReadsAsync(question, expected) <= 8, "the rewritten terms were not used");
    }

    [Fact]
    public async Task After_a_few_writes_each_first_cold_state_folds_only_its_own_tail_and_merges_it_into_the_short_segments()
    {
        // Given terms at the head of a random ledger, then a few more events
        var batches = RandomLedger.Generate(35, 150);
        var lastRevision = await AppendLedgerAsync([.. batches.SkipLast(6)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
        await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));
        var stored = await SegmentsAsync().ToListAsync();
        var termsAt = lastRevision;
        lastRevision = await AppendLedgerAsync([.. batches.SkipLast(3).TakeLast(3)], lastRevision);

        // When asked by processes that write no snapshot for fewer than 1,024 events
        var first = await ShortTailReadsAsync(now);
        var second = await ShortTailReadsAsync(now);

        // Then the first folds the tail alone and stores it, and the next answers from it
        Assert.True(first >= lastRevision - termsAt && first <= lastRevision - termsAt + 8, $"{first} events read for a tail of {lastRevision - termsAt}");
        Assert.True(second <= 8, $"{second} events read after {first}: the tail was not stored");
        var afterFirstTail = await SegmentsAsync().ToListAsync();
        Assert.True(afterFirstTail.Count <= stored.Count + 1, $"{afterFirstTail.Count} segments after one tail onto {stored.Count}");

        // And after a few more, the next folds only the new tail (no snapshot, no earlier events) and merges it into the short segment
        termsAt = lastRevision;
        lastRevision = await AppendLedgerAsync([.. batches.TakeLast(3)], lastRevision);
        var third = await ShortTailReadsAsync(now);
        var fourth = await ShortTailReadsAsync(now);
        Assert.True(third >= lastRevision - termsAt && third <= lastRevision - termsAt + 8, $"{third} events read for a tail of {lastRevision - termsAt}");
        Assert.True(fourth <= 8, $"{fourth} events read after {third}: the longer tail was not stored");
        var afterSecondTail = await SegmentsAsync().ToListAsync();
        Assert.Equal(afterFirstTail.Count, afterSecondTail.Count);
        Assert.NotEqual(afterFirstTail[^1], afterSecondTail[^1]);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public async Task Every_catch_up_from_the_claim_rows_reads_only_its_tail_and_gives_the_full_folds_state(int seed)
    {
        // Given the first quarter of a random ledger stored as terms, and no ledger snapshot left to fold from
        var batches = RandomLedger.Generate(seed, 220);
        var random = new Random(seed * 31);
        var at = batches.Count / 4;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
        await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));
        await Projections.DropVersionAsync(Application.Projections.Snapshots.LedgerSnapshotStore.ProjectionName(IndexedDyad), Application.Projections.Snapshots.LedgerSnapshot.Format);
        var catchUps = 0;
        var cap = seed % 2 == 0 ? StateTermViews.DefaultMergeCap : 48;
        while (at < batches.Count)
        {
            // When the rest arrives a few batches at a time, each followed by one cold state about now
            var part = batches.Skip(at).Take(random.Next(1, 6)).ToList();
            at += part.Count;
            var before = lastRevision;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            var (asOf, _) = RandomTimes(random, recorded);
            var limit = random.Next(3) == 0 ? (int?)null : random.Next(1, 6);
            var question = new GetRelationshipState(null, asOf, null, null, limit);
            var counting = new CountingStore(Store);
            await using var cold = Queries(counting, new StateTermViews(counting, Projections, new FullFoldViews(counting), 0, random.Next(1, 64), cap));

            // Then it answers as the full fold does, having read only its tail
            var expected = Json(await Mediator(oracle).Send(question));
            var actual = Json(await Mediator(cold).Send(question));
            Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, as of {asOf}, limit {limit}:\nfull fold: {expected}\nterms:     {actual}");
            Assert.True(counting.StreamEventsRead <= lastRevision - before + 8, $"seed {seed}: {counting.StreamEventsRead} events read for a tail of {lastRevision - before}");
            catchUps++;
        }

        // And the merged segments stay few: about one per doubling of the history (and one per third of the cap past it)
        var segments = (await SegmentsAsync().ToListAsync()).Count;
        Assert.True(segments <= 2 * Math.Log2(lastRevision + 1) + 2 + (3 * (lastRevision + 1) / cap), $"{segments} segments after {catchUps} catch-ups of {lastRevision + 1} events");
    }

    [Fact]
    public async Task State_term_tails_merge_into_the_short_segments_before_them()
    {
        // Given terms at the head of the first half of a random ledger
        var batches = RandomLedger.Generate(49, 200);
        var at = batches.Count / 2;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
        await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));

        // When the rest arrives a batch at a time, each tail stored by the cold state after it (the fold's answer every time)
        var tails = 0;
        for (; at < batches.Count; at++, tails++)
        {
            lastRevision = await AppendLedgerAsync([batches[at]], lastRevision);
            await ColdStateReadsAsync(now, await Mediator(oracle).Send(now));
        }

        // Then the segments stay about one per doubling, not one per tail
        var segments = (await SegmentsAsync().ToListAsync()).Count;
        Assert.True(tails >= 16, $"only {tails} tails: the test no longer stores many");
        Assert.True(segments <= Math.Log2(tails) + 3, $"{segments} segments after {tails} stored tails");
    }

    [Fact]
    public async Task A_state_past_the_end_of_a_segment_never_merged_reads_only_its_open_versions()
    {
        // Given a random ledger's terms stored by a first cold query as one segment (longer than two thirds of a cap of 30: never merged)
        var recorded = await WriteRandomLedgerAsync(37, 160);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var first = new GetRelationshipState(null, new DateOnly(2030, 1, 1), null);
        await ColdStateReadsAsync(first, await Mediator(oracle).Send(first));
        Assert.Single(await SegmentsAsync().ToListAsync());
        var middle = recorded[recorded.Count / 2].Recorded;
        var random = new Random(37);
        var (skipped, read) = (0, 0);
        for (var round = 0; round < 12; round++)
        {
            // When cold processes ask about now or the last recording time (past the segment), or a time within it
            DateTimeOffset? knownAt = (round % 3) switch { 0 => null, 1 => recorded[^1].Recorded, _ => middle };
            var question = new GetRelationshipState(null, new DateOnly(2017, 6, 1).AddDays(random.Next(2600)), knownAt, null, random.Next(1, 6));
            var views = new StateTermViews(Store, Projections, new FullFoldViews(Store), 0, 1, 30);
            await using var cold = Queries(Store, views);

            // Then each answers as the full fold does, past the segment without reading the versions that ended within it, inside it with all
            Assert.Equal(Json(await Mediator(oracle).Send(question)), Json(await Mediator(cold).Send(question)));
            if (knownAt == middle)
            {
                Assert.Equal(0, views.VersionsLeftUnread);
                read++;
            }
            else
            {
                Assert.True(views.VersionsLeftUnread > 0, $"round {round}: a question past the segment's end read every version");
                skipped++;
            }
        }
        Assert.Equal((8, 4), (skipped, read));
    }

    /// <summary>A cold state with the default snapshot threshold (none for a short tail); checks the answer against the fold; returns how many stream events it read.</summary>
    private async Task<int> ShortTailReadsAsync(GetRelationshipState question)
    {
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var counting = new CountingStore(Store);
        await using var cold = Queries(counting, new StateTermViews(counting, Projections, new FullFoldViews(counting), 0, 1024));
        Assert.Equal(Json(await Mediator(oracle).Send(question)), Json(await Mediator(cold).Send(question)));
        return counting.StreamEventsRead;
    }

    /// <summary>Asks for the state in a fresh process over the stored terms; checks the answer; returns how many stream events it read.</summary>
    private async Task<int> ColdStateReadsAsync(GetRelationshipState question, RelationshipStateView expected)
    {
        var counting = new CountingStore(Store);
        await using var cold = Queries(counting, new StateTermViews(counting, Projections, new FullFoldViews(counting), 0, 1));
        Assert.Equal(Json(expected), Json(await Mediator(cold).Send(question)));
        return counting.StreamEventsRead;
    }

    private IAsyncEnumerable<string> SegmentsAsync() => IndexLinesAsync(StateTermViews.ProjectionName(IndexedDyad), StateTermViews.Format);

    /// <summary>
    /// Damages the stored terms as a bad disk or a careless edit would: 0 a byte of a column chunk, 1 a byte of
    /// a heavy block, 2 the index, 3 a column chunk no longer base64, 4 the chain hash the index names. False
    /// when nothing is stored yet.
    /// </summary>
    private Task<bool> DamageTermsAsync(int damage) =>
        DamageRowsAsync(StateTermViews.ProjectionName(IndexedDyad), StateTermViews.Format, rows =>
        {
            var column = rows.LastOrDefault(r => r.Key.StartsWith("c:", StringComparison.Ordinal));
            var block = rows.LastOrDefault(r => r.Key.StartsWith("h:", StringComparison.Ordinal));
            return damage switch
            {
                0 when column is not null => Flipped(column),
                1 when block is not null => Flipped(block),
                2 => new ProjectionRowChange("@index", "%% not an index %%"),
                3 when column is not null => new ProjectionRowChange(column.Key, "%% not base64 %%"),
                4 => HashEdited(rows.SingleOrDefault(r => r.Key == "@index")),
                _ => null,
            };
        });
}
