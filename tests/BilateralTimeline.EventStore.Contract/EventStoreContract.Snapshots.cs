using BilateralTimeline.Application.Features.State.GetRelationshipState;
using BilateralTimeline.Application.Features.Timeline.GetTimeline;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Application.Projections.Views;
using BilateralTimeline.EventStore.Contract.QueryIndex;
using BilateralTimeline.EventStore.Contract.Snapshots;

namespace BilateralTimeline.EventStore.Contract;

/// <summary>
/// Cold queries from a persisted snapshot of the fold (<see cref="SnapshotViews"/>) against their oracle,
/// the full fold (<see cref="FullFoldViews"/>): on random ledgers, random corrections and random (as-of,
/// known-at) pairs every query gives the same JSON; a snapshot that does not match the log is ignored
/// and replaced; a matching one is where the fold starts.
/// </summary>
public abstract partial class EventStoreContract
{
    private IProjectionStore? _projections;

    /// <summary>
    /// The read-model store snapshots are kept in: the adapter's own tables where it has them (override),
    /// else a store apart from the log, as EventStoreDB users name one with --projections.
    /// </summary>
    protected virtual IProjectionStore OpenProjectionStore() => new InMemoryProjectionStore();

    private IProjectionStore Projections => _projections ??= OpenProjectionStore();

    private LedgerSnapshotStore Snapshots => new(Projections);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_query_from_a_snapshot_and_its_tail_answers_what_the_full_fold_answers(int seed)
    {
        // Given a random ledger recorded over days, asked about by one cold process after another, each
        // leaving a snapshot after its own random tail length, and now and then a snapshot damaged
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var random = new Random(seed * 6151);
        var damaged = 0;
        await AfterEachThirdAsync(seed, 240, async recorded =>
        {
            for (var round = 0; round < 8; round++)
            {
                if (random.Next(5) == 0 && await DamageSnapshotAsync(random.Next(5)))
                {
                    damaged++;
                }
                await using var cold = Queries(Store, new SnapshotViews(Store, Snapshots, 0, random.Next(1, 60)));

                // When
                var questions = Questions(random, recorded);

                // Then
                foreach (var (name, ask) in questions)
                {
                    var expected = await ask(Mediator(oracle));
                    var actual = await ask(Mediator(cold));
                    Assert.True(expected == actual, $"seed {seed}, after {recorded.Count} events, round {round}, {name}:\nfull fold: {expected}\nsnapshot:  {actual}");
                }
            }

            // And a process after one that left a snapshot at the head reads nothing past it
            await LeaveSnapshotAtHeadAsync();
            Assert.Equal(1, await ColdReadsAsync(Now, await Mediator(oracle).Send(Now)));
        });
        Assert.True(damaged > 0 || seed != 1, "seed 1 never damaged a snapshot: the property no longer covers it");
    }

    [Fact]
    public async Task A_snapshot_of_a_stream_changed_behind_its_back_is_ignored_and_replaced()
    {
        // Given a snapshot at the head of the stream
        var recorded = await WriteRandomLedgerAsync(6, 80);
        await LeaveSnapshotAtHeadAsync();

        // When the tail is cut and other events are written in its place, more of them than were cut
        var keep = recorded[recorded.Count / 2];
        await CloseStoreAsync();
        await CutTailAsync(keep.GlobalPosition, moveHead: true);
        await ReopenStoreAsync();
        await AppendLedgerAsync(RandomLedger.Generate(66, recorded.Count), keep.StreamRevision);
        var now = await Store.ReadStreamAsync(IndexedDyad.StreamName).ToListAsync();
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var expected = await Mediator(oracle).Send(Now);

        // Then the next cold query folds the new stream from its start, and leaves a snapshot of it
        Assert.True(await ColdReadsAsync(Now, expected) >= now.Count + 1, "the snapshot of the old stream was trusted");
        Assert.Equal(1, await ColdReadsAsync(Now, expected));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_damaged_snapshot_is_ignored_and_replaced(int damage)
    {
        // Given a snapshot at the head, then damaged
        var recorded = await WriteRandomLedgerAsync(7, 60);
        await LeaveSnapshotAtHeadAsync();
        Assert.True(await DamageSnapshotAsync(damage));
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var expected = await Mediator(oracle).Send(Now);

        // Then
        Assert.True(await ColdReadsAsync(Now, expected) >= recorded.Count, "a damaged snapshot was trusted");
        Assert.Equal(1, await ColdReadsAsync(Now, expected));
    }

    [Fact]
    public async Task A_query_known_before_the_newest_snapshot_starts_from_an_older_one_and_leaves_its_own()
    {
        // Given a snapshot at the head
        var recorded = await WriteRandomLedgerAsync(9, 80);
        await LeaveSnapshotAtHeadAsync();
        await using var oracle = Queries(Store, new FullFoldViews(Store));
        var earlier = new GetRelationshipState(null, new DateOnly(2030, 1, 1), recorded[recorded.Count / 3].Recorded);
        var expected = await Mediator(oracle).Send(earlier);

        // When asked as known before the snapshot's last event, by a process that leaves a snapshot after any tail
        Assert.True(await ColdReadsAsync(earlier, expected, writeAfter: 1) > recorded.Count / 3, "a snapshot of events recorded after the known-at was used");

        // Then the newest stays beside the new one, and each answers the question it fits, reading what the
        // known-at check needs (the first event), the event at the snapshot's revision and the one that ends the tail
        var set = await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None);
        Assert.Equal(2, set.Entries.Count);
        Assert.Equal(recorded.Count - 1, set.Entries.Max(e => e.Revision));
        Assert.Equal(3, await ColdReadsAsync(earlier, expected));
        var atHead = new GetTimeline(null, new DateOnly(2030, 1, 1), recorded[^1].Recorded);
        Assert.Equal(2, await ColdReadsAsync(atHead, await Mediator(oracle).Send(atHead)));
    }

    [Fact]
    public async Task Of_two_writers_that_read_the_same_snapshots_only_the_first_changes_them()
    {
        // Given two snapshots of one stream, both written onto the same (empty) set
        var recorded = await WriteRandomLedgerAsync(10, 50);
        var newer = await SnapshotAsync(recorded, recorded.Count - 1);
        var older = await SnapshotAsync(recorded, recorded.Count / 2);
        var seen = await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None);

        // When
        var first = await Snapshots.WriteAsync(IndexedDyad, seen, newer, false, CancellationToken.None);
        var second = await Snapshots.WriteAsync(IndexedDyad, seen, older, false, CancellationToken.None);

        // Then
        Assert.True(first);
        Assert.False(second);
        Assert.Equal([newer.Revision], (await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None)).Entries.Select(e => e.Revision));
    }

    [Fact]
    public async Task The_snapshots_kept_stay_few_and_spread_over_the_stream()
    {
        // Given snapshots left at every fifth revision, oldest first
        var recorded = await WriteRandomLedgerAsync(11, 120);
        for (var revision = 4; revision < recorded.Count; revision += 5)
        {
            var snapshot = await SnapshotAsync(recorded, revision);
            Assert.True(await Snapshots.WriteAsync(IndexedDyad, await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None), snapshot, false, CancellationToken.None));
        }

        // Then
        var set = await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None);
        var revisions = set.Entries.Select(e => e.Revision).ToList();
        Assert.Equal(LedgerSnapshotStore.MaxKept, revisions.Count);
        Assert.Equal(recorded.Count - 1, revisions[^1]);
        var gaps = revisions.Zip(revisions.Skip(1), (a, b) => b - a).Prepend(revisions[0] + 1).ToList();
        Assert.True(gaps.Max() <= 3 * recorded.Count / LedgerSnapshotStore.MaxKept, $"snapshots bunched: {string.Join(", ", revisions)}");
        var stored = await Projections.ReadRowsAsync(LedgerSnapshotStore.ProjectionName(IndexedDyad), LedgerSnapshot.Format);
        Assert.Equal(revisions.Select(LedgerSnapshotStore.KeyOf).Append(LedgerSnapshotStore.IndexKey).Order(StringComparer.Ordinal), stored.Select(r => r.Key).Order(StringComparer.Ordinal));
    }

    private static GetTimeline Now => new(null, new DateOnly(2030, 1, 1), null);

    private async Task LeaveSnapshotAtHeadAsync()
    {
        await using var leaving = Queries(Store, new SnapshotViews(Store, Snapshots, 0, 1));
        await Mediator(leaving).Send(Now);
    }

    /// <summary>Asks <paramref name="question"/> in a fresh process over the stored snapshot; checks the answer; returns how many stream events it read.</summary>
    private async Task<int> ColdReadsAsync<T>(MediatR.IRequest<T> question, T expected, int writeAfter = SnapshotViews.DefaultWriteAfter)
    {
        var counting = new CountingStore(Store);
        await using var cold = Queries(counting, new SnapshotViews(counting, Snapshots, 0, writeAfter));
        Assert.Equal(Json(expected), Json(await Mediator(cold).Send(question)));
        return counting.StreamEventsRead;
    }

    private async Task<LedgerSnapshot> SnapshotAsync(IReadOnlyList<RecordedEvent> recorded, int revision)
    {
        var view = await LedgerView.LoadAsync(Store, IndexedDyad, recorded[revision].Recorded, CancellationToken.None);
        // Events recorded in the same instant as the last one belong to the view too.
        var last = recorded.Last(e => e.Recorded <= recorded[revision].Recorded);
        return new LedgerSnapshot(last.StreamRevision, last.Hash.ToArray(), last.Recorded, view);
    }

    /// <summary>
    /// Damages the newest stored snapshot as a bad disk or a careless edit would: 0 a byte of its body,
    /// 1 the chain hash in its header (one bit off, over an empty ledger, with a body digest that fits),
    /// 2 its row no longer base64, 3 the index of the snapshots, 4 the build it names (as one written by
    /// another build of bt). False when there is no snapshot to damage.
    /// </summary>
    private async Task<bool> DamageSnapshotAsync(int damage)
    {
        var set = await Snapshots.ReadSetAsync(IndexedDyad, CancellationToken.None);
        if (set.Entries.MaxBy(e => e.Revision) is not { } newest || await Snapshots.ReadDocumentAsync(IndexedDyad, newest.Revision, CancellationToken.None) is not { } document)
        {
            return false;
        }
        long revision;
        byte[] hash;
        DateTimeOffset recordedUpTo;
        try
        {
            (revision, hash, recordedUpTo, _) = LedgerSnapshot.ReadHeader(document);
        }
        catch (InvalidDataException)
        {
            // Damaged already (its build), and not yet replaced.
            return false;
        }
        var change = damage switch
        {
            0 => Row(document.Select((b, i) => i == document.Length - 7 ? (byte)(b ^ 0x20) : b).ToArray()),
            1 => Row(new LedgerSnapshot(revision, hash.Select((b, i) => i == 0 ? (byte)(b ^ 1) : b).ToArray(), recordedUpTo, LedgerView.Create()).Encode()),
            2 => new ProjectionRowChange(LedgerSnapshotStore.KeyOf(revision), "%% not a snapshot %%"),
            4 => Row(document.Select((b, i) => i == 8 ? (byte)(b ^ 1) : b).ToArray()),
            _ => new ProjectionRowChange(LedgerSnapshotStore.IndexKey, "%% not an index %%"),
        };
        await Projections.CommitAsync(LedgerSnapshotStore.ProjectionName(IndexedDyad), LedgerSnapshot.Format, set.Generation, set.Generation + 1, [change]);
        return true;

        ProjectionRowChange Row(byte[] bytes) => new(LedgerSnapshotStore.KeyOf(revision), Convert.ToBase64String(bytes));
    }
}
