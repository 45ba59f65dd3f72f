using System.Net;
using System.Net.Sockets;
using BilateralTimeline.Application.Integrity;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.EventStore.EventStoreDb.Protocol;
using BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests;

/// <summary>
/// The store (our port) against the recorded server: every call it makes must match a recorded
/// request, exactly or with the edit the test names (e.g. a different count), and what it returns must
/// follow from the recorded answers. The recorded events were written by another client, so they carry
/// no bt chain fields: the store reads them with an empty hash and the server's "created" time.
/// </summary>
public sealed class EventStoreDbStoreWireTests
{
    private const string ClaimStream = "claim-0f8fad5b-d9cb-469f-a165-70867728950e";
    private static readonly Guid FirstId = Guid.Parse("fbf4a1a1-b4a3-4dfe-a01f-ec52c34e16e4");
    private static readonly Guid RecordedCorrelation = Guid.Parse("a3bb189e-8bf9-4888-9912-ace4e6543002");
    private static readonly EventStoreDbStoreOptions ClaimOptions = new() { Categories = ["claim"], ReadPageSize = 20 };
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 44, TimeSpan.Zero);

    private static Task<EventStoreDbEventStore> OpenAsync(ReplayServer server, EventStoreDbStoreOptions? options = null) =>
        EventStoreDbEventStore.OpenAsync(server.ConnectionString, new FixedClock(Now), options ?? ClaimOptions);

    /// <summary>The store's tail read: backwards from the end, one idempotency window, text ids.</summary>
    private static Exchange TailRead(string number) => Exchange.Of(number).ExpectingInstead(r =>
    {
        if (ReadEdits.Options(r).ContainsKey("read_direction") is false)
        {
            ReadEdits.Backwards(r);
            ReadEdits.FromStreamEnd(r);
        }
        ReadEdits.Count(r, 32);
    });

    [Fact]
    [Replays("10a", "04")]
    public async Task Opening_probes_the_server_and_reading_a_stream_maps_events_written_by_other_clients()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("04"));
        await using var store = await OpenAsync(server);

        // When
        var events = await store.ReadStreamAsync(ClaimStream, maxCount: 10).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal("24.6.0", store.ServerVersion);
        Assert.Equal([0L, 1L, 2L], events.Select(e => e.StreamRevision));
        Assert.Equal([733L, 1015L, 1244L], events.Select(e => e.GlobalPosition));
        Assert.Equal(FirstId, events[0].EventId);
        Assert.Equal("ClaimOpened", events[0].Type);
        Assert.Equal(RecordedCorrelation, events[0].Metadata.CorrelationId);
        Assert.Equal(new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + 17953596450289970, TimeSpan.Zero), events[0].Recorded);
        Assert.All(events, e => Assert.True(e.Hash.IsEmpty, "an event bt did not write has no chain hash"));
    }

    [Fact]
    [Replays("10a", "05", "09c", "09g")]
    public async Task Missing_and_soft_deleted_streams_read_as_empty_and_a_tombstoned_one_is_a_typed_error()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("05"), Exchange.Of("09c"), Exchange.Of("09g"));
        await using var store = await OpenAsync(server);

        // When
        var missing = await store.ReadStreamAsync("claim-9b2c2d9e-4a6f-4e3a-9d1b-3c1f5a7e8b20", maxCount: 10).ToListAsync();
        var softDeleted = await store.ReadStreamAsync("cart-7c9e6679-7425-40de-944b-e07fc1f90ae7", maxCount: 10).ToListAsync();
        var tombstoned = await Assert.ThrowsAsync<StreamDeletedException>(async () => await store.ReadStreamAsync("cart-16fd2706-8baf-433b-82eb-8c7fada847da", maxCount: 10).ToListAsync());

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Empty(missing);
        Assert.Empty(softDeleted);
        Assert.Equal("cart-16fd2706-8baf-433b-82eb-8c7fada847da", tombstoned.Stream);
        Assert.Contains($"127.0.0.1:{server.Port}", tombstoned.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Replays("10a", "08")]
    public async Task Reading_a_stream_backwards_from_the_end_pages_newest_first()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("08"));
        await using var store = await OpenAsync(server);

        // When
        var events = await store.ReadStreamAsync(ClaimStream, ReadDirection.Backwards, long.MaxValue, maxCount: 2).ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal([3L, 2L], events.Select(e => e.StreamRevision));
    }

    [Fact]
    [Replays("10a", "06")]
    public async Task Reading_all_leaves_out_system_streams_and_other_categories()
    {
        // Given
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("06"));
        await using var store = await OpenAsync(server);

        // When
        var events = await store.ReadAllAsync().ToListAsync();

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal([733L, 1015L, 1244L], events.Select(e => e.GlobalPosition));
        Assert.All(events, e => Assert.Equal(ClaimStream, e.Stream));
    }

    [Fact]
    [Replays("10a", "07", "07b")]
    public async Task Subscribing_filters_by_our_categories_on_the_server_and_delivers_history_then_live()
    {
        // Given
        var append = Exchange.Of("07b");
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("07").SendingLive(6, append.Answered.Task).HoldingOpen(), append);
        await using var store = await OpenAsync(server);
        using var otherWriter = new EsdbClient(server.Endpoint, EsdbConnectionString.Parse(server.ConnectionString));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = store.SubscribeToAllAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);

        // When
        var delivered = new List<RecordedEvent>();
        while (delivered.Count < 3 && await events.MoveNextAsync())
        {
            delivered.Add(events.Current);
        }
        await otherWriter.AppendAsync(ClaimStream, EsdbExpected.Exact(2), RecordedInputs.ProposedEvents(append.Vector), CancellationToken.None);
        Assert.True(await events.MoveNextAsync());
        delivered.Add(events.Current);
        await cancel.CancelAsync();

        // Then
        Assert.Equal([733L, 1015L, 1244L, 1450L], delivered.Select(e => e.GlobalPosition));
        Assert.Equal([0L, 1L, 2L, 3L], delivered.Select(e => e.StreamRevision));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await events.MoveNextAsync());
        server.AssertPlayedAsRecorded();
    }

    [Fact]
    [Replays("10a", "07", "10b")]
    public async Task A_subscription_whose_connection_drops_resubscribes_after_the_last_delivered_event_without_loss_or_duplicates()
    {
        // Given the first connection dies after the confirmation and two events, gossip then names this
        // node the leader again, and the second subscription (which must ask for events after 1015) is
        // answered with the whole recording again, repeats included
        var consumedTwo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var port = 0;
        await using var server = await ReplayServer.StartAsync(
            Exchange.Of("10a"),
            Exchange.Of("07").AbortingAfter(3, consumedTwo.Task),
            Exchange.Of("10b").AnsweringInstead(r => PointLeaderAt(r, Volatile.Read(ref port))),
            Exchange.Of("07").ExpectingInstead(r => ReadEdits.FromAllPosition(r, 1015)).HoldingOpen());
        Volatile.Write(ref port, server.Port);
        await using var store = await OpenAsync(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = store.SubscribeToAllAsync(null, cancel.Token).GetAsyncEnumerator(cancel.Token);

        // When
        var delivered = new List<long>();
        while (delivered.Count < 4 && await events.MoveNextAsync())
        {
            delivered.Add(events.Current.GlobalPosition);
            if (delivered.Count == 2)
            {
                consumedTwo.SetResult();
            }
        }
        var extra = events.MoveNextAsync().AsTask();
        await Task.WhenAny(extra, Task.Delay(500));
        await cancel.CancelAsync();
        bool deliveredMore;
        try
        {
            deliveredMore = await extra;
        }
        catch (OperationCanceledException)
        {
            deliveredMore = false;
        }

        // Then
        Assert.Equal([733L, 1015L, 1244L, 1450L], delivered);
        Assert.False(deliveredMore, $"position {(deliveredMore ? events.Current.GlobalPosition : 0)} was delivered again after the reconnect");
        server.AssertPlayedAsRecorded();
    }

    [Fact]
    [Replays("10a", "01")]
    public async Task Appending_to_a_new_stream_sends_no_stream_at_once_with_chained_metadata()
    {
        // Given the recording's three events, with bt metadata, for a stream this store never saw:
        // no stream means no predecessor, so nothing needs reading first (one round trip, issue 13)
        var append = Exchange.Of("01").Ignoring(Varying.ProposedMessageCustomMetadata);
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), append);
        await using var store = await OpenAsync(server);
        var events = RecordedInputs.ProposedEvents(append.Vector)
            .Select(e => new EventData(e.Id, e.Type, e.Data, new EventMetadata("wire-test", RecordedCorrelation)))
            .ToArray();

        // When
        var result = await store.AppendAsync(ClaimStream, ExpectedRevision.NoStream, events);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new AppendResult(2, 1244, AlreadyRecorded: false), result);
        var previous = HashChain.Genesis;
        for (var i = 0; i < events.Length; i++)
        {
            var sent = AppendReq.Parser.ParseFrom(append.Sent[i + 1]).ProposedMessage;
            var fields = ChainMetadata.Read(sent.CustomMetadata.Span);
            Assert.Equal(HashChain.TruncateToMicroseconds(Now), fields.Recorded);
            Assert.Equal(events[i].Metadata, fields.Metadata);
            var expected = HashChain.Link(previous.Span, ClaimStream, i, events[i].EventId, events[i].Type, Now, events[i].Data.Span, MetadataJson.Serialize(events[i].Metadata));
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(fields.Hash!));
            previous = expected;
        }
    }

    [Fact]
    [Replays("10a", "08")]
    public async Task Appending_with_a_stale_revision_is_refused_from_the_tail_without_writing()
    {
        // Given a stream whose tail shows revision 3
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), TailRead("08"));
        await using var store = await OpenAsync(server);

        // When
        var error = await Assert.ThrowsAsync<WrongExpectedRevisionException>(() => store.AppendAsync(ClaimStream, ExpectedRevision.Exact(5), [NewEvent()]));

        // Then no Append call was made (the script has none)
        server.AssertPlayedAsRecorded();
        Assert.Equal((ClaimStream, ExpectedRevision.Exact(5), 3L), (error.Stream, error.Expected, error.Actual));
    }

    [Fact]
    [Replays("10a", "01", "03")]
    public async Task Resending_with_no_stream_to_a_stream_this_store_never_read_is_answered_by_the_servers_idempotency()
    {
        // Given 01's append landed, sent by a store that then lost the answer (a fresh store here)
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("10a"), Exchange.Of("01").Ignoring(Varying.ProposedMessageCustomMetadata), Exchange.Of("03").Ignoring(Varying.ProposedMessageCustomMetadata));
        var events = RecordedEvents(Exchange.Of("01").Vector);
        AppendResult original;
        await using (var first = await OpenAsync(server))
        {
            original = await first.AppendAsync(ClaimStream, ExpectedRevision.NoStream, events);
        }
        await using var store = await OpenAsync(server);

        // When the same events are sent again with no stream, in one round trip
        var replay = await store.AppendAsync(ClaimStream, ExpectedRevision.NoStream, events);

        // Then the server's idempotency answered with the original positions and nothing was read
        // (the store cannot tell it from a first write: docs/eventstoredb.md, Idempotency)
        server.AssertPlayedAsRecorded();
        Assert.Equal((original.LastStreamRevision, original.LastGlobalPosition), (replay.LastStreamRevision, replay.LastGlobalPosition));
        Assert.Equal((2L, 1244L), (replay.LastStreamRevision, replay.LastGlobalPosition));
    }

    [Fact]
    [Replays("10a", "04", "08")]
    public async Task Resending_an_append_that_landed_is_recognised_from_the_stream_and_not_written_again()
    {
        // Given the store has read the stream, which holds 01's three events (04), so it knows the
        // stream exists and a resend with no stream is checked against the stream, not sent blind
        var read = Exchange.Of("04").ExpectingInstead(r => ReadEdits.Count(r, 3));
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("04"), TailRead("08"), read);
        await using var store = await OpenAsync(server);
        Assert.Equal(3, (await store.ReadStreamAsync(ClaimStream, maxCount: 10).ToListAsync()).Count);
        var resent = RecordedEvents(Exchange.Of("01").Vector);

        // When
        var result = await store.AppendAsync(ClaimStream, ExpectedRevision.NoStream, resent);

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(new AppendResult(2, 1244, AlreadyRecorded: true), result);
    }

    [Fact]
    [Replays("10a", "04", "08")]
    public async Task Resending_an_event_id_with_other_data_is_refused_as_a_duplicate()
    {
        // Given a store that has read the stream
        var read = Exchange.Of("04").ExpectingInstead(r => ReadEdits.Count(r, 3));
        await using var server = await ReplayServer.StartAsync(Exchange.Of("10a"), Exchange.Of("04"), TailRead("08"), read);
        await using var store = await OpenAsync(server);
        Assert.Equal(3, (await store.ReadStreamAsync(ClaimStream, maxCount: 10).ToListAsync()).Count);
        var resent = RecordedEvents(Exchange.Of("01").Vector);
        resent[1] = resent[1] with { Data = "{\"claimId\":\"other\"}"u8.ToArray() };

        // When
        var error = await Assert.ThrowsAsync<DuplicateEventIdException>(() => store.AppendAsync(ClaimStream, ExpectedRevision.NoStream, resent));

        // Then
        server.AssertPlayedAsRecorded();
        Assert.Equal(resent[1].EventId, error.EventId);
    }

    [Fact]
    public async Task Opening_a_store_where_nothing_listens_is_a_typed_error_naming_the_endpoint()
    {
        // Given a loopback port that was just free
        var port = FreePort();

        // When
        var error = await Assert.ThrowsAsync<EventStoreUnavailableException>(() => EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{port}?tls=false", TimeProvider.System));

        // Then
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Replays("10b", "10a")]
    public async Task With_several_hosts_the_store_asks_gossip_for_the_leader_and_connects_there()
    {
        // Given a dead seed, then a live one whose recorded gossip names the leader; the leader's port
        // is pointed at a node of this test's (the recording's 2113 may be anything on this machine)
        var dead = FreePort();
        await using var leader = await ReplayServer.StartAsync(Exchange.Of("10a"));
        await using var seed = await ReplayServer.StartAsync(Exchange.Of("10b").AnsweringInstead(response => PointLeaderAt(response, leader.Port)));

        // When
        await using var store = await EventStoreDbEventStore.OpenAsync($"esdb://127.0.0.1:{dead},127.0.0.1:{seed.Port}?tls=false&defaultDeadline=3000", TimeProvider.System);

        // Then the dead seed was skipped, gossip was asked, and the store talks to the leader it named
        seed.AssertPlayedAsRecorded();
        leader.AssertPlayedAsRecorded();
        Assert.Equal(leader.Port, store.Endpoint.Port);
    }

    private static byte[] PointLeaderAt(byte[] recorded, int port)
    {
        var info = ClusterInfo.Parser.ParseFrom(recorded);
        var member = Assert.Single(info.Members, m => m.State == MemberInfo.Types.VNodeState.Leader);
        Assert.Equal(2113u, member.HttpEndPoint.Port);
        member.HttpEndPoint.Port = (uint)port;
        return Google.Protobuf.MessageExtensions.ToByteArray(info);
    }

    private static EventData[] RecordedEvents(WireVector vector) =>
        RecordedInputs.ProposedEvents(vector)
            .Select(e => new EventData(e.Id, e.Type, e.Data, e.Id == FirstId ? new EventMetadata("", RecordedCorrelation) : new EventMetadata("")))
            .ToArray();

    private static EventData NewEvent() => new(Guid.NewGuid(), "thing-happened/v1", "{}"u8.ToArray(), new EventMetadata("wire-test"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
