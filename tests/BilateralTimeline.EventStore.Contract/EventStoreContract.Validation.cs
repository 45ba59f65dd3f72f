using BilateralTimeline.Application.Ports;

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
}
