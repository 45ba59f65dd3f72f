using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.TimelineVersions;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using BilateralTimeline.EventStore.Contract.Snapshots;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// Cold timeline pages from the persisted entry versions (<see cref="TimelineVersionViews"/>) against their
/// oracle, the full fold: on random ledgers written in parts, random corrections, windows, cursors and (as-of,
/// known-at) pairs, each cold process gives the fold's JSON, whether it answered from the stored segments alone
/// or caught up first, with blocks small enough that a page spans several; a damaged piece is ignored and rewritten.
/// </summary>
public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public async Task Every_cold_timeline_page_from_the_persisted_versions_is_the_full_folds(int seed)
    {
        // Given a random ledger written in three parts, asked about by one cold process after another, and now and then a stored piece damaged
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var random = new Random(seed * 7901);
        var damaged = 0;
        await AfterEachThirdAsync(seed, 300, async recorded =>
        {
            for (var round = 0; round < 12; round++)
            {
                if (random.Next(4) == 0 && await DamageTimelineAsync(random.Next(8)))
                {
                    damaged++;
                }
                var blocks = TimelineBlocks.Of(1 << random.Next(2, 6));
                await using var cold = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, random.Next(1, 120), blocks));

                // When
                var (asOf, knownAt) = RandomTimes(random, recorded);
                var from = random.Next(3) == 0 ? new DateOnly(2018, 1, 1).AddDays(random.Next(2000)) : (DateOnly?)null;
                DateOnly? to = random.Next(3) == 0 ? (from ?? new DateOnly(2018, 1, 1)).AddDays(random.Next(700)) : null;
                int? limit = random.Next(4) == 0 ? null : random.Next(1, 12);
                var cursor = random.Next(3) == 0 ? PageCursor.Encode(random.Next(1, 20)) : null;
                var question = new GetTimeline(null, asOf, knownAt, from, to, limit, cursor);

                // Then
                var expected = await AnswerAsync(Mediator(oracle), question);
                var actual = await AnswerAsync(Mediator(cold), question);
                Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, {blocks}, {question}:\nfull fold: {expected}\nstored:    {actual}");
            }

            // And once the segments reach the head, a cold process reads no more than a few events of the stream
            var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 50);
            await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
            Assert.True(await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now)) <= 8, "a cold timeline read the stream although the segments reach its head");
        });
        Assert.True(damaged > 0 || seed != 41, "seed 41 never damaged a piece: the property no longer covers it");
    }

    [Fact]
    public async Task Every_page_of_a_cold_timeline_walked_by_cursor_is_the_full_folds()
    {
        // Given segments written in two catch-ups, with blocks of four rows (the second a fifth of the ledger: not merged into the first)
        var batches = RandomLedger.Generate(44, 240);
        var half = batches.Count * 4 / 5;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(half)], -1L);
        var question = new GetTimeline(null, new DateOnly(2030, 1, 1), null);
        await using (var first = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, TimelineBlocks.Of(4))))
        {
            await Mediator(first).Send(question);
        }
        await AppendLedgerAsync([.. batches.Skip(half)], lastRevision);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        await using var cold = Queries(Store, new TimelineVersionViews(Store, Projections, new FullFoldViews(Store), 0, 1, TimelineBlocks.Of(4)));

        // When every page of 3 is asked for, in turn
        var walked = await WalkAsync(cold, 3, c => question with { Limit = 3, Cursor = c }, v => (v.Items, v.Next));

        // Then they add up to the fold's whole timeline
        Assert.Equal(Json((await Mediator(oracle).Send(question)).Items), Json(walked));
        Assert.Equal(2, (await TimelineSegmentsAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_timeline_catch_up_folds_only_the_tail_and_appends_its_segment_after_the_stored_ones()
    {
        // Given segments at the head of a random ledger, then more events (a fifth: the stored segment is more than twice as long, so not merged)
        var batches = RandomLedger.Generate(46, 150);
        var half = batches.Count * 4 / 5;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(half)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 20);
        await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
        await AppendLedgerAsync([.. batches.Skip(half)], lastRevision);
        var all = (await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync()).Count;

        // When
        var reads = await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));

        // Then
        Assert.True(reads < all - (int)lastRevision + 8, $"{reads} events read for a tail of {all - lastRevision - 1}");
        Assert.Equal(2, (await TimelineSegmentsAsync().ToListAsync()).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public async Task A_damaged_piece_of_the_stored_timeline_is_ignored_and_rewritten(int damage)
    {
        // Given a timeline stored by a cold query, then damaged
        var recorded = await WriteRandomLedgerAsync(45, 120);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var question = new GetTimeline(null, new DateOnly(2030, 1, 1), null);
        var expected = await Mediator(oracle).Send(question);
        Assert.True(await ColdTimelineReadsAsync(question, expected, TimelineBlocks.Default) >= recorded.Count, "the first cold query did not fold the stream");
        Assert.True(await DamageTimelineAsync(damage, first: true));

        // Then the next folds the stream again, and the one after it answers from the rewritten segments
        Assert.True(await ColdTimelineReadsAsync(question, expected, TimelineBlocks.Default) >= recorded.Count, "a damaged piece was trusted");
        Assert.True(await ColdTimelineReadsAsync(question, expected, TimelineBlocks.Default) <= 8, "the rewritten segments were not used");
    }

    [Fact]
    public async Task A_short_timeline_tail_is_folded_from_the_claim_rows_and_not_stored()
    {
        // Given segments at the head of a random ledger, then a few more events, and no ledger snapshot left to fold from
        var batches = RandomLedger.Generate(47, 150);
        var lastRevision = await AppendLedgerAsync([.. batches.Take(batches.Count - 3)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null);
        await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
        await Projections.DropVersionAsync(Application.Projections.Snapshots.LedgerSnapshotStore.ProjectionName(IndexedDyad), Application.Projections.Snapshots.LedgerSnapshot.Format);
        var stored = await TimelineSegmentsAsync().ToListAsync();
        var tail = await AppendLedgerAsync([.. batches.TakeLast(3)], lastRevision) - lastRevision;

        // When asked twice by processes that store no tail shorter than 1,024 events
        foreach (var round in new[] { 1, 2 })
        {
            var own = new CountingStore(Store);
            await using var cold = Queries(own, new TimelineVersionViews(own, Projections, new FullFoldViews(Store), 0, 1024, TimelineBlocks.Of(8)));
            Assert.True(Json(await Mediator(oracle).Send(now)) == Json(await Mediator(cold).Send(now)), $"round {round}");

            // Then each answered the fold's timeline by folding the tail alone, and the stored segments did not move
            Assert.True(own.StreamEventsRead >= tail && own.StreamEventsRead <= tail + 16, $"round {round}: {own.StreamEventsRead} events read for a tail of {tail}");
        }
        Assert.Equal(stored, await TimelineSegmentsAsync().ToListAsync());
    }

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(53)]
    public async Task Every_timeline_catch_up_from_the_claim_rows_reads_only_the_unstored_tail_and_gives_the_full_folds_page(int seed)
    {
        // Given the first quarter of a random ledger stored as timeline segments, and no ledger snapshot left to fold from
        var batches = RandomLedger.Generate(seed, 220);
        var random = new Random(seed * 37);
        var at = batches.Count / 4;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null);
        await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
        await Projections.DropVersionAsync(Application.Projections.Snapshots.LedgerSnapshotStore.ProjectionName(IndexedDyad), Application.Projections.Snapshots.LedgerSnapshot.Format);
        while (at < batches.Count)
        {
            // When the rest arrives a few batches at a time, each followed by one cold page about now (a long enough tail is stored)
            var part = batches.Skip(at).Take(random.Next(1, 6)).ToList();
            at += part.Count;
            lastRevision = await AppendLedgerAsync(part, lastRevision);
            var segments = await TimelineSegmentsAsync().ToListAsync();
            var storedEnd = long.Parse(segments[^1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var recorded = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
            var (asOf, _) = RandomTimes(random, recorded);
            int? limit = random.Next(4) == 0 ? null : random.Next(1, 12);
            var cursor = random.Next(3) == 0 ? PageCursor.Encode(random.Next(1, 20)) : null;
            var question = new GetTimeline(null, asOf, null, null, null, limit, cursor);
            var counting = new CountingStore(Store);
            await using var cold = Queries(counting, new TimelineVersionViews(counting, Projections, new FullFoldViews(Store), 0, random.Next(1, 40), TimelineBlocks.Of(1 << random.Next(2, 6))));

            // Then it answers as the full fold does, having read only what the stored segments lack (and one event per segment, to check its chain hash)
            var expected = await AnswerAsync(Mediator(oracle), question);
            var actual = await AnswerAsync(Mediator(cold), question);
            Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, {question}:\nfull fold: {expected}\nstored:    {actual}");
            Assert.True(counting.StreamEventsRead <= lastRevision - storedEnd + segments.Count + 4, $"seed {seed}: {counting.StreamEventsRead} events read for {lastRevision - storedEnd} not stored and {segments.Count} segments");
        }

        // And the stored tails were merged: about one segment per doubling of the history
        var count = (await TimelineSegmentsAsync().ToListAsync()).Count;
        Assert.True(count <= 2 * Math.Log2(lastRevision + 1) + 2, $"{count} segments after {lastRevision + 1} events");
    }

    [Fact]
    public async Task Stored_timeline_tails_merge_into_the_short_segments_before_them()
    {
        // Given segments at the head of the first half of a random ledger
        var batches = RandomLedger.Generate(48, 200);
        var at = batches.Count / 2;
        var lastRevision = await AppendLedgerAsync([.. batches.Take(at)], -1L);
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var now = new GetTimeline(null, new DateOnly(2030, 1, 1), null, Limit: 30);
        await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));

        // When the rest arrives a batch at a time, each tail stored by the cold page after it (the fold's answer every time)
        var tails = 0;
        for (; at < batches.Count; at++, tails++)
        {
            lastRevision = await AppendLedgerAsync([batches[at]], lastRevision);
            await ColdTimelineReadsAsync(now, await Mediator(oracle).Send(now));
        }

        // Then the segments stay about one per doubling, not one per tail
        var segments = (await TimelineSegmentsAsync().ToListAsync()).Count;
        Assert.True(tails >= 16, $"only {tails} tails: the test no longer stores many");
        Assert.True(segments <= Math.Log2(tails) + 3, $"{segments} segments after {tails} stored tails");
    }

    /// <summary>Asks for a timeline page in a fresh process over the stored segments; checks the answer; returns how many stream events it read.</summary>
    private async Task<int> ColdTimelineReadsAsync(GetTimeline question, TimelineView expected, TimelineBlocks? blocks = null)
    {
        var counting = new CountingStore(Store);
        // Tenure findings are folded by the inner views (uncounted): what is counted is what the stored path itself read.
        await using var cold = Queries(counting, new TimelineVersionViews(counting, Projections, new FullFoldViews(Store), 0, 1, blocks ?? TimelineBlocks.Of(8)));
        Assert.Equal(Json(expected), Json(await Mediator(cold).Send(question)));
        return counting.StreamEventsRead;
    }

    private IAsyncEnumerable<string> TimelineSegmentsAsync() => IndexLinesAsync(TimelineVersionViews.ProjectionName(IndexedDyad), TimelineVersionViews.Format);

    /// <summary>
    /// Damages the stored timeline as a bad disk or a careless edit would: 0 a byte of a directory, 1 of a row block,
    /// 2 of a heavy block, 3 of a revision block, 4 the index, 5 a row block no longer base64, 6 the chain hash the
    /// index names, 7 a row block gone; the last piece of its kind, or with <paramref name="first"/> the first. False when nothing is stored yet.
    /// </summary>
    private Task<bool> DamageTimelineAsync(int damage, bool first = false) =>
        DamageRowsAsync(TimelineVersionViews.ProjectionName(IndexedDyad), TimelineVersionViews.Format, rows =>
        {
            ProjectionRow? Last(string prefix) => first
                ? rows.FirstOrDefault(r => r.Key.StartsWith(prefix, StringComparison.Ordinal))
                : rows.LastOrDefault(r => r.Key.StartsWith(prefix, StringComparison.Ordinal));
            return damage switch
            {
                0 when Last("d:") is { } d => Flipped(d),
                1 when Last("o:") is { } o => Flipped(o),
                2 when Last("h:") is { } h => Flipped(h),
                3 when Last("r:") is { } r => Flipped(r),
                4 => new ProjectionRowChange("@index", "%% not an index %%"),
                5 when Last("o:") is { } o => new ProjectionRowChange(o.Key, "%% not base64 %%"),
                6 => HashEdited(rows.SingleOrDefault(r => r.Key == "@index")),
                7 when Last("o:") is { } o => new ProjectionRowChange(o.Key, null),
                _ => null,
            };
        });
}
