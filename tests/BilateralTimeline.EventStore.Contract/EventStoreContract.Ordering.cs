using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract;

public abstract partial class EventStoreContract
{
    [Fact]
    public async Task Global_positions_increase_strictly_across_streams_in_append_order()
    {
        // Given
        var a = TestEvents.New("a");
        var b1 = TestEvents.New("b1");
        var b2 = TestEvents.New("b2");
        var c = TestEvents.New("c");

        // When appends alternate between streams
        var first = await AppendAsync("claim-a", ExpectedRevision.NoStream, a);
        var second = await AppendAsync("claim-b", ExpectedRevision.NoStream, b1, b2);
        var third = await AppendAsync("claim-a", ExpectedRevision.Exact(0), c);

        // Then the log holds them in append order
        var all = await ReadAllForwardsAsync();
        Assert.Equal([a.EventId, b1.EventId, b2.EventId, c.EventId], Ids(all));
        var positions = Positions(all);
        Assert.All(positions.Zip(positions.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First} is not before {pair.Second}"));
        Assert.Equal(positions[0], first.LastGlobalPosition);
        Assert.Equal(positions[2], second.LastGlobalPosition);
        Assert.Equal(positions[3], third.LastGlobalPosition);
    }

    [Fact]
    public async Task Stream_revisions_count_from_0_without_gaps()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.Many(2));

        // When
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.Many(2));

        // Then
        var first = Revisions(await ReadStreamForwardsAsync("claim-1"));
        var second = Revisions(await ReadStreamForwardsAsync("claim-2"));
        Assert.Equal([0L, 1L, 2L, 3L, 4L], first);
        Assert.Equal([0L, 1L], second);
    }

    [Fact]
    public async Task Global_positions_count_from_1_without_gaps_when_the_adapter_promises_it()
    {
        // Given
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.Many(3));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());

        // When
        await AppendAsync("claim-1", ExpectedRevision.Exact(2), TestEvents.Many(2));

        // Then
        var positions = Positions(await ReadAllForwardsAsync());
        Assert.Equal(6, positions.Length);
        if (PositionsAreGapFree)
        {
            Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], positions);
        }
        else
        {
            Assert.Equal(positions.Order().Distinct(), positions);
        }
    }

    [Fact]
    public async Task Read_back_events_equal_what_was_appended()
    {
        // Given events with every kind of metadata, and data that is not ASCII
        var full = new EventData(
            Guid.NewGuid(),
            "claim-recorded/v1",
            Encoding.UTF8.GetBytes("""{"text":"café — ✓ 𝄞","n":1}"""),
            new EventMetadata(
                "alice@example.org",
                Guid.NewGuid(),
                Guid.NewGuid(),
                new JsonObject
                {
                    ["source"] = "ledger.txt",
                    ["line"] = 42,
                    ["tags"] = new JsonArray("a", "b"),
                    ["nested"] = new JsonObject { ["ok"] = true, ["none"] = null },
                }));
        var bare = TestEvents.New("bare", new EventMetadata("bob"));

        // When
        var result = await AppendAsync("claim-ü1", ExpectedRevision.NoStream, full, bare);

        // Then
        var stored = await ReadStreamForwardsAsync("claim-ü1");
        Assert.Equal(2, stored.Count);
        AssertStoredAs(full, "claim-ü1", 0, stored[0]);
        AssertStoredAs(bare, "claim-ü1", 1, stored[1]);
        Assert.Equal(result.LastGlobalPosition, stored[1].GlobalPosition);
        Assert.Equal(HashChain.HashLength, stored[0].Hash.Length);
        Assert.Equal(Ids(stored), Ids(await ReadAllForwardsAsync()));
    }

    [Fact]
    public async Task Recorded_time_is_stamped_by_the_store_from_its_clock_to_the_microsecond()
    {
        // Given a clock between two microseconds
        Clock.Set(Start);

        // When
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());
        Clock.Advance(TimeSpan.FromMinutes(3));
        await AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New());

        // Then
        var stored = await ReadStreamForwardsAsync("claim-1");
        var expectedFirst = new DateTimeOffset(Start.UtcTicks - (Start.UtcTicks % 10), TimeSpan.Zero);
        Assert.Equal(expectedFirst, stored[0].Recorded);
        Assert.Equal(expectedFirst.AddMinutes(3), stored[1].Recorded);
    }

    [Fact]
    public async Task Recorded_time_never_decreases_when_the_clock_goes_backwards()
    {
        // Given
        Clock.Set(Start);
        await AppendAsync("claim-1", ExpectedRevision.NoStream, TestEvents.New());

        // When the wall clock is set back an hour, and later runs ahead again
        Clock.Set(Start.AddHours(-1));
        await AppendAsync("claim-2", ExpectedRevision.NoStream, TestEvents.New());
        Clock.Set(Start.AddHours(1));
        await AppendAsync("claim-1", ExpectedRevision.Exact(0), TestEvents.New());

        // Then
        var recorded = (await ReadAllForwardsAsync()).Select(e => e.Recorded).ToArray();
        Assert.True(recorded[1] >= recorded[0], $"{recorded[1]:O} is before {recorded[0]:O}");
        Assert.Equal(HashChain.TruncateToMicroseconds(Start.AddHours(1)), recorded[2]);
    }

    private static void AssertStoredAs(EventData sent, string stream, long revision, RecordedEvent stored)
    {
        Assert.Equal(stream, stored.Stream);
        Assert.Equal(revision, stored.StreamRevision);
        Assert.Equal(sent.EventId, stored.EventId);
        Assert.Equal(sent.Type, stored.Type);
        Assert.Equal(sent.Data.ToArray(), stored.Data.ToArray());
        Assert.Equal(sent.Metadata.RecordedBy, stored.Metadata.RecordedBy);
        Assert.Equal(sent.Metadata.CorrelationId, stored.Metadata.CorrelationId);
        Assert.Equal(sent.Metadata.CausationId, stored.Metadata.CausationId);
        Assert.True(
            JsonNode.DeepEquals(sent.Metadata.Extra, stored.Metadata.Extra),
            $"extra metadata {sent.Metadata.Extra?.ToJsonString()} came back as {stored.Metadata.Extra?.ToJsonString()}");
    }
}
