using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task An_append_rejected_for_its_revision_writes_none_of_its_events()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());
        var batch = TestEvents.Many(3);

        // When
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => AppendAsync("claim-1", ExpectedRevision.Exact(7), batch));

        // Then
        Assert.Single(await ReadAllForwardsAsync());
        var revisions = Revisions(await ReadStreamForwardsAsync("claim-1"));
        Assert.Equal([0L], revisions);
    }

    [Fact]
    public async Task An_append_with_a_duplicate_id_later_in_the_batch_writes_none_of_its_events()
    {
        // Given an event already stored
        var stored = TestEvents.New("stored");
        var before = await AppendAsync("claim-1", ExpectedRevision.NoStream, stored);

        // When a batch of new events ends with that id under other content (sent to another stream
        // where the adapter checks ids across streams, else to the same one)
        var fresh = TestEvents.Many(2);
        var (target, expected, next) = EventIdsAreUniqueAcrossStreams ? ("claim-2", ExpectedRevision.NoStream, 1L) : ("claim-1", ExpectedRevision.Exact(0), 2L);
        var error = await Assert.ThrowsAsync<DuplicateEventIdException>(
            () => AppendAsync(target, expected, fresh[0], fresh[1], TestEvents.WithOtherData(stored)));

        // Then nothing of the batch is kept, and its fresh ids are still free to use
        Assert.Equal(stored.EventId, error.EventId);
        Assert.DoesNotContain(fresh[0].EventId, Ids(await ReadStreamForwardsAsync(target)));
        Assert.Single(await ReadAllForwardsAsync());
        var retry = await AppendAsync(target, expected, fresh);
        Assert.False(retry.AlreadyRecorded);
        Assert.Equal(next, retry.LastStreamRevision);
        if (PositionsAreGapFree)
        {
            Assert.Equal(before.LastGlobalPosition + 2, retry.LastGlobalPosition);
        }
    }

    [Fact]
    public async Task Failed_appends_leave_no_gap_in_global_positions_when_the_adapter_promises_it()
    {
        // Given
        var stored = TestEvents.New();
        await AppendAsync("claim-1", ExpectedRevision.NoStream, stored);

        // When appends fail in every way, and then one succeeds
        await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(2)));
        await Assert.ThrowsAsync<DuplicateEventIdException>(() => AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New(), stored));
        await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync("nodash", ExpectedRevision.Any, TestEvents.New()));
        var next = await AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New());

        // Then
        var positions = Positions(await ReadAllForwardsAsync());
        Assert.Equal(2, positions.Length);
        Assert.Equal(positions[1], next.LastGlobalPosition);
        Assert.Equal(PositionsAreGapFree ? [1L, 2L] : positions.Order().Distinct(), positions);
    }

    [Fact]
    public async Task Concurrent_appends_with_the_same_expected_revision_let_exactly_one_win()
    {
        // Given a stream at revision 0
        await AppendAsync("race-1", ExpectedRevision.NoStream, TestEvents.New());
        const int contenders = 16;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // When many writers who all read revision 0 append at once
        var attempts = Enumerable.Range(0, contenders)
            .Select(i => Task.Run(async () =>
            {
                await go.Task;
                await AppendAsync("race-1", ExpectedRevision.Exact(0), TestEvents.New($"contender {i}"));
            }))
            .ToArray();
        go.SetResult();
        var outcomes = await Task.WhenAll(attempts.Select(OutcomeOf));

        // Then
        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<Exception>(), e =>
        {
            var wrong = Assert.IsType<WrongExpectedRevisionException>(e);
            Assert.Equal(1, wrong.Actual);
        });
        var revisions = Revisions(await ReadStreamForwardsAsync("race-1"));
        Assert.Equal([0L, 1L], revisions);
    }

    [Fact]
    public async Task Concurrent_appends_with_Any_are_all_kept_in_distinct_revisions()
    {
        // Given
        const int writers = 12;
        var events = TestEvents.Many(writers);

        // When
        var results = await Task.WhenAll(events.Select(e => Task.Run(() => AppendAsync("crowd-1", ExpectedRevision.Any, e))));

        // Then
        var stored = await ReadStreamForwardsAsync("crowd-1");
        Assert.Equal(Enumerable.Range(0, writers).Select(i => (long)i), Revisions(stored));
        Assert.Equal(Ids(events).Order(), Ids(stored).Order());
        Assert.Equal(results.Select(r => r.LastStreamRevision).Order(), Revisions(stored));
    }
}
