using System.Text;
using BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// Our gRPC client, call by call, against the bytes a real EventStoreDB 24.6.0 exchanged: each test
/// sends what the recording client sent and must decode exactly what the server answered.
/// </summary>
public sealed class EsdbClientWireTests
{
    private const string ClaimStream = "claim-0f8fad5b-d9cb-469f-a165-70867728950e";

    private static readonly Guid[] ClaimEventIds =
    [
        Guid.Parse("fbf4a1a1-b4a3-4dfe-a01f-ec52c34e16e4"),
        Guid.Parse("0b4d8a3e-0c2f-4a8e-9a77-3e5f1c2d4b6a"),
        Guid.Parse("6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"),
    ];

    private static EsdbClient ClientFor(ReplayServer server) => new(server.Endpoint, EsdbConnectionString.Parse(server.ConnectionString));

    [Fact]
    [Replays("01")]
    public async Task Appending_three_events_to_a_new_stream_sends_the_recorded_messages_and_reads_the_positions()
    {
        // Given
        var exchange = Exchange.Of("01");
        await using var server = await ReplayServer.StartAsync(exchange);
        using var client = ClientFor(server);

        // When
        var outcome = await client.AppendAsync(ClaimStream, EsdbExpected.NoStream, RecordedInputs.ProposedEvents(exchange.Vector), CancellationToken.None);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.Written(2, 1244, 1244), outcome);
    }

    [Fact]
    [Replays("02")]
    public async Task A_stale_expected_revision_comes_back_in_band_with_both_revisions()
    {
        // Given
        var exchange = Exchange.Of("02");
        await using var server = await ReplayServer.StartAsync(exchange);
        using var client = ClientFor(server);

        // When
        var outcome = await client.AppendAsync(ClaimStream, EsdbExpected.Exact(0), RecordedInputs.ProposedEvents(exchange.Vector), CancellationToken.None);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.WrongExpectedVersion(2, "0"), outcome);
    }

    [Fact]
    [Replays("02b")]
    public async Task Expecting_no_stream_on_an_existing_stream_comes_back_as_expected_no_stream()
    {
        // Given
        var exchange = Exchange.Of("02b");
        await using var server = await ReplayServer.StartAsync(exchange);
        using var client = ClientFor(server);

        // When
        var outcome = await client.AppendAsync(ClaimStream, EsdbExpected.NoStream, RecordedInputs.ProposedEvents(exchange.Vector), CancellationToken.None);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.WrongExpectedVersion(2, "no stream"), outcome);
    }

    [Fact]
    [Replays("03")]
    public async Task Resending_the_same_ids_is_acknowledged_with_the_original_positions()
    {
        // Given the recording's retry of 01
        var exchange = Exchange.Of("03");
        await using var server = await ReplayServer.StartAsync(exchange);
        using var client = ClientFor(server);

        // When
        var outcome = await client.AppendAsync(ClaimStream, EsdbExpected.NoStream, RecordedInputs.ProposedEvents(exchange.Vector), CancellationToken.None);

        // Then the server cannot be told apart from a first write: the store has to check itself
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.Written(2, 1244, 1244), outcome);
    }

    [Fact]
    [Replays("04")]
    public async Task Reading_a_stream_forwards_decodes_ids_revisions_positions_and_metadata()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("04"));
        using var client = ClientFor(server);

        // When
        var events = await client.ReadStreamAsync(ClaimStream, EsdbStreamStart.Start, backwards: false, 10, structuredIds: false, CancellationToken.None).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(ClaimEventIds, events.Select(e => EsdbUuid.FromWire(e.Id)));
        Assert.Equal([0UL, 1UL, 2UL], events.Select(e => e.StreamRevision));
        Assert.Equal([733UL, 1015UL, 1244UL], events.Select(e => e.CommitPosition));
        Assert.Equal(["ClaimOpened", "ClaimAssessed", "ClaimSettled"], events.Select(e => e.Metadata["type"]));
        Assert.Equal("17953596450289970", events[0].Metadata["created"]);
        Assert.Contains("\"policy\":\"P-1001\"", events[0].Data.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    [Replays("04b")]
    public async Task Structured_ids_decode_to_the_same_uuids_and_the_compatibility_marker_is_skipped()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("04b"));
        using var client = ClientFor(server);

        // When
        var events = await client.ReadStreamAsync(ClaimStream, EsdbStreamStart.Start, backwards: false, 10, structuredIds: true, CancellationToken.None, compatibility: 1).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(ClaimEventIds, events.Select(e => EsdbUuid.FromWire(e.Id)));
    }

    [Fact]
    [Replays("05")]
    public async Task Reading_a_missing_stream_yields_nothing()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("05"));
        using var client = ClientFor(server);

        // When
        var events = await client.ReadStreamAsync("claim-9b2c2d9e-4a6f-4e3a-9d1b-3c1f5a7e8b20", EsdbStreamStart.Start, false, 10, false, CancellationToken.None).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Empty(events);
    }

    [Fact]
    [Replays("06")]
    public async Task Reading_all_forwards_returns_system_and_claim_events_in_commit_order()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("06"));
        using var client = ClientFor(server);

        // When
        var events = await client.ReadAllAsync(EsdbAllStart.Start, backwards: false, 20, structuredIds: true, CancellationToken.None).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(["$$$scavenges", ClaimStream, ClaimStream, ClaimStream], events.Select(e => e.StreamIdentifier.StreamName.ToStringUtf8()));
        Assert.Equal([548UL, 733UL, 1015UL, 1244UL], events.Select(e => e.CommitPosition));
        Assert.Equal(ClaimEventIds, events.Skip(1).Select(e => EsdbUuid.FromWire(e.Id)));
    }

    [Fact]
    [Replays("07", "07b")]
    public async Task A_filtered_subscription_confirms_catches_up_then_delivers_the_live_append()
    {
        // Given a subscription whose live event is only sent once the append (07b) was answered
        var append = Exchange.Of("07b");
        var subscription = Exchange.Of("07").SendingLive(6, append.Answered.Task).HoldingOpen();
        await using var server = await ReplayServer.StartAsync(subscription, append);
        using var client = ClientFor(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var messages = client.SubscribeToAllAsync(EsdbAllStart.Start, ["claim-"], cancel.Token).GetAsyncEnumerator(cancel.Token);

        // When
        var history = new List<EsdbSubscriptionMessage>();
        while (history.Count < 6 && await messages.MoveNextAsync())
        {
            history.Add(messages.Current);
        }
        var written = await client.AppendAsync(ClaimStream, EsdbExpected.Exact(2), RecordedInputs.ProposedEvents(append.Vector), CancellationToken.None);
        Assert.True(await messages.MoveNextAsync());
        var live = messages.Current;
        await cancel.CancelAsync();

        // Then
        Assert.IsType<EsdbSubscriptionMessage.Confirmed>(history[0]);
        Assert.Equal([733UL, 1015UL, 1244UL], history.OfType<EsdbSubscriptionMessage.Event>().Select(e => e.Recorded.CommitPosition));
        Assert.Equal(new EsdbSubscriptionMessage.Checkpoint(1244, 1244), history[4]);
        Assert.IsType<EsdbSubscriptionMessage.CaughtUp>(history[5]);
        Assert.Equal(new EsdbAppendOutcome.Written(3, 1450, 1450), written);
        Assert.Equal(1450UL, Assert.IsType<EsdbSubscriptionMessage.Event>(live).Recorded.CommitPosition);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await messages.MoveNextAsync());
        server.AssertPlayedAsRecorded();
    }

    [Fact]
    [Replays("08")]
    public async Task Reading_backwards_from_the_end_yields_the_newest_first()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("08"));
        using var client = ClientFor(server);

        // When
        var events = await client.ReadStreamAsync(ClaimStream, EsdbStreamStart.End, backwards: true, 2, false, CancellationToken.None).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal([3UL, 2UL], events.Select(e => e.StreamRevision));
        Assert.Equal("ClaimClosed", events[0].Metadata["type"]);
    }

    [Fact]
    [Replays("09a", "09b", "09c", "09d")]
    public async Task A_soft_deleted_stream_reads_as_missing_and_its_metadata_stream_says_why()
    {
        // Given
        const string cart = "cart-7c9e6679-7425-40de-944b-e07fc1f90ae7";
        var setup = Exchange.Of("09a");
        await using var server = await ReplayServer.StartAsync(setup, Exchange.Of("09b"), Exchange.Of("09c"), Exchange.Of("09d"));
        using var client = ClientFor(server);
        var appended = await client.AppendAsync(cart, EsdbExpected.NoStream, RecordedInputs.ProposedEvents(setup.Vector), CancellationToken.None);

        // When
        var deletedAt = await client.DeleteAsync(cart, EsdbExpected.Exact(0), CancellationToken.None);
        var afterwards = await client.ReadStreamAsync(cart, EsdbStreamStart.Start, false, 10, false, CancellationToken.None).ToListAsync();
        var metadata = await client.ReadStreamAsync("$$" + cart, EsdbStreamStart.Start, false, 10, false, CancellationToken.None).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.Written(0, 1659, 1659), appended);
        Assert.Equal(1820UL, deletedAt);
        Assert.Empty(afterwards);
        var truncation = Assert.Single(metadata);
        Assert.Equal("$metadata", truncation.Metadata["type"]);
        Assert.Contains("$tb", truncation.Data.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    [Replays("09e", "09f", "09g", "09h")]
    public async Task A_tombstoned_stream_fails_reads_and_appends_with_a_typed_error_naming_stream_and_endpoint()
    {
        // Given
        const string cart = "cart-16fd2706-8baf-433b-82eb-8c7fada847da";
        var setup = Exchange.Of("09e");
        var refusedAppend = Exchange.Of("09h");
        await using var server = await ReplayServer.StartAsync(setup, Exchange.Of("09f"), Exchange.Of("09g"), refusedAppend);
        using var client = ClientFor(server);
        Assert.Equal(new EsdbAppendOutcome.Written(1, 2150, 2150), await client.AppendAsync(cart, EsdbExpected.NoStream, RecordedInputs.ProposedEvents(setup.Vector), CancellationToken.None));

        // When
        var tombstonedAt = await client.TombstoneAsync(cart, EsdbExpected.Any, CancellationToken.None);
        var read = await Assert.ThrowsAsync<StreamDeletedException>(async () => await client.ReadStreamAsync(cart, EsdbStreamStart.Start, false, 10, false, CancellationToken.None).ToListAsync());
        var append = await Assert.ThrowsAsync<StreamDeletedException>(() => client.AppendAsync(cart, EsdbExpected.Any, RecordedInputs.ProposedEvents(refusedAppend.Vector), CancellationToken.None));

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(2311UL, tombstonedAt);
        Assert.All([read, append], e =>
        {
            Assert.Equal(cart, e.Stream);
            Assert.Contains($"127.0.0.1:{server.Port}", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    [Replays("10a", "10b")]
    public async Task Connect_time_calls_report_the_server_version_features_and_the_leader()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("10b"));
        using var client = ClientFor(server);

        // When
        var features = await client.GetSupportedMethodsAsync(CancellationToken.None);
        var members = await client.ReadGossipAsync(CancellationToken.None);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal("24.6.0", features.EventStoreServerVersion);
        var read = Assert.Single(features.Methods, m => m.ServiceName == "event_store.client.streams.streams" && m.MethodName == "read");
        Assert.Equal(["position", "events"], read.Features);
        var member = Assert.Single(members);
        Assert.Equal(("Leader", true, new EsdbEndpoint("127.0.0.1", 2113)), (member.State, member.IsAlive, member.Endpoint));
    }

    [Fact]
    [Replays("11")]
    public async Task Batch_append_sends_options_and_events_in_one_final_request_with_structured_ids()
    {
        // Given the recording's correlation id and events
        var exchange = Exchange.Of("11");
        await using var server = await ReplayServer.StartAsync(exchange);
        using var client = ClientFor(server);
        var request = exchange.Vector.DecodedRequests[0];
        var events = request["proposed_messages"]!["value"]!.AsArray()
            .Select(m => RecordedInputs.ToProposed(m!.AsObject(), id => EsdbUuid.FromWire(Structured(id))))
            .ToArray();

        // When
        var outcome = await client.BatchAppendAsync(Guid.Parse("4e1d6f2a-9c3b-4a5d-8e7f-1029384756af"), "order-3f2504e0-4f89-41d3-9a0c-0305e82c3301", EsdbExpected.NoStream, events, CancellationToken.None);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new EsdbAppendOutcome.Written(1, 2660, 2660), outcome);
        Assert.Equal(Guid.Parse("b1e2c3d4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"), events[0].Id);
        Assert.Equal("{\"orderId\":\"3f2504e0-4f89-41d3-9a0c-0305e82c3301\",\"total\":42}", Encoding.UTF8.GetString(events[0].Data.Span));
    }

    private static Protocol.UUID Structured(System.Text.Json.Nodes.JsonObject id)
    {
        var halves = id["structured"]!["value"]!;
        return new Protocol.UUID
        {
            Structured = new Protocol.UUID.Types.Structured
            {
                MostSignificantBits = long.Parse((string)halves["most_significant_bits"]!["value"]!, System.Globalization.CultureInfo.InvariantCulture),
                LeastSignificantBits = long.Parse((string)halves["least_significant_bits"]!["value"]!, System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }
}
