using System.Text;
using System.Text.Json.Nodes;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Application.Serialization.Upcasting;
using BilateralTimeline.Domain.Corrections;

namespace BilateralTimeline.Application.Tests.Serialization;

/// <summary>
/// The seam every future event-shape change goes through: stored bytes of an older shape are read as
/// the current record by pure upcasters at decode time. The shapes here are synthetic (no real event has
/// a second version yet): "claim-retracted/v0" said "why" where v1 says "reason", and an even older
/// "claim-withdrawn/v1" was the name before that.
/// </summary>
public sealed class UpcastingTests
{
    private sealed class RetractedV0ToV1 : IEventUpcaster
    {
        public string From => "claim-retracted/v0";

        public string To => "claim-retracted/v1";

        public JsonNode Upcast(JsonNode data) => new JsonObject
        {
            ["claimId"] = data["claimId"]?.DeepClone(),
            ["reason"] = data["why"]?.DeepClone() ?? "(no reason recorded in v0)",
        };
    }

    private sealed class WithdrawnToRetractedV0 : IEventUpcaster
    {
        public string From => "claim-withdrawn/v1";

        public string To => "claim-retracted/v0";

        public JsonNode Upcast(JsonNode data) => new JsonObject { ["claimId"] = data["claim"]?.DeepClone(), ["why"] = data["why"]?.DeepClone() };
    }

    private sealed class Fixed(string from, string to) : IEventUpcaster
    {
        public string From => from;

        public string To => to;

        public JsonNode Upcast(JsonNode data) => data.DeepClone();
    }

    private static RecordedEvent Stored(string type, string json) =>
        new("dyad-azeirn", 4, 5, Guid.NewGuid(), type, Encoding.UTF8.GetBytes(json), new EventMetadata("test"), DateTimeOffset.UnixEpoch, new byte[32]);

    [Fact]
    public void A_v0_event_is_read_as_the_current_record_through_its_upcaster()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1()]);
        var stored = Stored("claim-retracted/v0", """{"claimId":"c000-05","why":"the date was misread"}""");

        var decoded = EventSerializer.Deserialize(stored, registry);

        Assert.Equal(new ClaimRetracted("c000-05", "the date was misread"), decoded);
    }

    [Fact]
    public void Upcasting_never_changes_the_stored_bytes()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1()]);
        const string json = """{"claimId":"c000-05","why":"the date was misread"}""";
        var stored = Stored("claim-retracted/v0", json);

        _ = EventSerializer.Deserialize(stored, registry);
        _ = EventSerializer.Deserialize(stored, registry);

        Assert.Equal(json, Encoding.UTF8.GetString(stored.Data.Span));
        Assert.Equal("claim-retracted/v0", stored.Type);
    }

    [Fact]
    public void Without_its_upcaster_an_old_shape_is_an_unknown_event_that_queries_skip()
    {
        var stored = Stored("claim-retracted/v0", """{"claimId":"c000-05","why":"the date was misread"}""");

        Assert.Null(EventSerializer.Deserialize(stored));
        Assert.False(EventUpcasters.Default.CanRead("claim-retracted/v0"));
    }

    [Fact]
    public void Upcasters_chain_across_a_rename_until_a_current_shape()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1(), new WithdrawnToRetractedV0()]);
        var stored = Stored("claim-withdrawn/v1", """{"claim":"c002-28","why":"duplicate"}""");

        Assert.Equal(new ClaimRetracted("c002-28", "duplicate"), EventSerializer.Deserialize(stored, registry));
        Assert.True(registry.CanRead("claim-withdrawn/v1"));
    }

    [Fact]
    public void Current_shapes_are_read_as_stored_whatever_the_registry_holds()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1()]);
        var stored = Stored("claim-retracted/v1", """{"claimId":"c1","reason":"r"}""");

        Assert.Equal(new ClaimRetracted("c1", "r"), EventSerializer.Deserialize(stored, registry));
    }

    [Fact]
    public void An_upcaster_that_reads_a_current_shape_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new EventUpcasters([new Fixed("claim-retracted/v1", "claim-retracted/v1")]));
        Assert.Contains("current event shape", e.Message);
    }

    [Fact]
    public void A_chain_that_ends_in_no_known_shape_or_loops_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EventUpcasters([new Fixed("claim-retracted/v0", "claim-retracted/v9")]));
        Assert.Throws<ArgumentException>(() => new EventUpcasters([new Fixed("a/v1", "b/v1"), new Fixed("b/v1", "a/v1")]));
        Assert.Throws<ArgumentException>(() => new EventUpcasters([new RetractedV0ToV1(), new RetractedV0ToV1()]));
    }

    [Fact]
    public void An_old_event_the_upcaster_cannot_read_is_reported_as_corrupt_at_its_position()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1()]);
        var stored = Stored("claim-retracted/v0", "{not json");

        var e = Assert.Throws<CorruptEventException>(() => EventSerializer.Deserialize(stored, registry));
        Assert.Equal(5, e.GlobalPosition);
    }

    [Theory]
    [InlineData("claim-recorded/v1", "claim-recorded", 1)]
    [InlineData("claim-recorded/v12", "claim-recorded", 12)]
    [InlineData("$metadata", "$metadata", null)]
    [InlineData("x/vnext", "x/vnext", null)]
    public void Wire_names_split_into_name_and_version(string stored, string name, int? version)
    {
        Assert.Equal(new WireName(name, version), WireName.Parse(stored));
        Assert.Equal(stored, WireName.Parse(stored).ToString());
    }

    [Fact]
    public void Decoding_the_same_old_bytes_twice_gives_equal_records()
    {
        var registry = new EventUpcasters([new RetractedV0ToV1()]);
        var stored = Stored("claim-retracted/v0", """{"claimId":"c1"}""");

        Assert.Equal(EventSerializer.Deserialize(stored, registry), EventSerializer.Deserialize(stored, registry));
        Assert.Equal("(no reason recorded in v0)", ((ClaimRetracted)EventSerializer.Deserialize(stored, registry)!).Reason);
    }
}
