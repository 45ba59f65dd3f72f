using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.Shared;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Theory]
    [InlineData("nodash")]
    [InlineData("$all-x")]
    [InlineData("-id")]
    [InlineData("category-")]
    [InlineData("")]
    public async Task Appending_to_an_invalid_stream_name_is_rejected(string stream)
    {
        // Given an empty store
        // When
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => AppendAsync(stream, ExpectedRevision.Any, TestEvents.New()));

        // Then
        Assert.Equal("stream", error.ParamName);
        Assert.Empty(await ReadAllForwardsAsync());
    }

    [Fact]
    public async Task Appending_no_events_is_rejected()
    {
        // Given an empty store
        // When
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync("claim-1", ExpectedRevision.NoStream));

        // Then
        Assert.Equal("events", error.ParamName);
        Assert.Empty(await ReadAllForwardsAsync());
    }

    [Fact]
    public async Task Appending_more_than_16_MB_at_once_is_rejected_and_writes_nothing()
    {
        // Given a store holding one event
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());
        var oversized = new EventData(Guid.NewGuid(), TestEvents.Type, new byte[AppendLimits.MaxAppendBytes + 1], new EventMetadata("tester"));

        // When
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync("claim-2", ExpectedRevision.NoStream, oversized));

        // Then
        Assert.Contains("16 MB", error.Message, StringComparison.Ordinal);
        Assert.Single(await ReadAllForwardsAsync());
    }

    [Fact]
    public async Task The_same_id_twice_in_one_append_is_rejected()
    {
        // Given an empty store and a batch that repeats an id
        var first = TestEvents.New();
        var again = TestEvents.New("another note", id: first.EventId);

        // When
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AppendAsync("claim-1", ExpectedRevision.NoStream, first, again));

        // Then
        Assert.Contains(first.EventId.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Empty(await ReadAllForwardsAsync());
    }
}
