using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Appending_with_NoStream_to_a_new_stream_starts_it_at_revision_0()
    {
        // Given an empty store
        // When
        var result = await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New(), TestEvents.New());

        // Then
        Assert.Equal(1, result.LastStreamRevision);
        Assert.False(result.AlreadyRecorded);
        var revisions = Revisions(await ReadStreamForwardsAsync("claim-1"));
        Assert.Equal([0L, 1L], revisions);
    }

    [Fact]
    public async Task Appending_with_NoStream_to_an_existing_stream_is_rejected()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New(), TestEvents.New());

        // When
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New()));

        // Then
        Assert.Equal("claim-1", error.Stream);
        Assert.Equal(ExpectedRevision.NoStream, error.Expected);
        Assert.Equal(1, error.Actual);
        Assert.Contains("claim-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await ReadStreamForwardsAsync("claim-1")).Count);
    }

    [Fact]
    public async Task Appending_with_the_current_revision_succeeds()
    {
        // Given
        var first = await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());

        // When
        var second = await AppendAsync("claim-1", first.NextExpectedRevision, TestEvents.New(), TestEvents.New());
        var third = await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.New());

        // Then
        Assert.Equal(2, second.LastStreamRevision);
        Assert.Equal(3, third.LastStreamRevision);
        var revisions = Revisions(await ReadStreamForwardsAsync("claim-1"));
        Assert.Equal([0L, 1L, 2L, 3L], revisions);
    }

    [Fact]
    public async Task Appending_with_stale_revision_is_rejected()
    {
        // Given a stream at revision 1
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());
        await AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New());

        // When a writer still believes it is at revision 0
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New()));

        // Then
        Assert.Equal("claim-1", error.Stream);
        Assert.Equal(ExpectedRevision.Exact(0), error.Expected);
        Assert.Equal(1, error.Actual);
        Assert.Equal(2, (await ReadStreamForwardsAsync("claim-1")).Count);
    }

    [Fact]
    public async Task Appending_with_a_revision_ahead_of_the_stream_is_rejected()
    {
        // Given a stream at revision 0
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());

        // When
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => AppendAsync("claim-1", ExpectedRevision.Exact(5), TestEvents.New()));

        // Then
        Assert.Equal(ExpectedRevision.Exact(5), error.Expected);
        Assert.Equal(0, error.Actual);
    }

    [Fact]
    public async Task Appending_with_an_exact_revision_to_a_missing_stream_is_rejected_with_actual_minus_one()
    {
        // Given another stream exists, but not this one
        await AppendAsync("claim-other", ExpectedRevision.NoStream, TestEvents.New());

        // When
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(
            () => AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New()));

        // Then
        Assert.Equal("claim-1", error.Stream);
        Assert.Equal(-1, error.Actual);
        Assert.Empty(await ReadStreamForwardsAsync("claim-1"));
    }

    [Fact]
    public async Task Appending_with_Any_succeeds_whether_or_not_the_stream_exists()
    {
        // Given an empty store
        // When
        var created = await AppendAsync("claim-1", ExpectedRevision.Any, TestEvents.New());
        var extended = await AppendAsync("claim-1", ExpectedRevision.Any, TestEvents.New(), TestEvents.New());

        // Then
        Assert.Equal(0, created.LastStreamRevision);
        Assert.Equal(2, extended.LastStreamRevision);
        var revisions = Revisions(await ReadStreamForwardsAsync("claim-1"));
        Assert.Equal([0L, 1L, 2L], revisions);
    }
}
