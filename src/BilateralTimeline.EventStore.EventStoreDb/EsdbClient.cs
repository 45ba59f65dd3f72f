using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Text;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// EventStoreDB's gRPC protocol, one node, one HTTP/2 connection pool: each method is one call and
/// encodes exactly what the recorded wire vectors show. No store semantics live here (see
/// <see cref="EventStoreDbEventStore"/>); errors become the typed exceptions of <see cref="EsdbErrors"/>.
/// </summary>
public sealed class EsdbClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Streams.StreamsClient _streams;
    private readonly ServerFeatures.ServerFeaturesClient _features;
    private readonly Gossip.GossipClient _gossip;
    private readonly Metadata _headers;
    private readonly TimeSpan _deadline;

    /// <param name="endpoint">The node.</param>
    /// <param name="settings">Credentials, TLS and deadlines from the connection string.</param>
    /// <param name="requiresLeader">False only for reads a follower may serve (nodePreference=follower|random).</param>
    public EsdbClient(EsdbEndpoint endpoint, EsdbConnectionString settings, bool requiresLeader = true)
    {
        Endpoint = endpoint;
        Address = new Uri($"{(settings.Tls ? "https" : "http")}://{endpoint}");
        var handler = new SocketsHttpHandler
        {
            // Subscriptions hold a stream open for hours: pings notice a dead peer that TCP alone would not.
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = settings.DefaultDeadline,
        };
        if (settings.Tls && !settings.TlsVerifyCert)
        {
            // Chosen explicitly with tlsVerifyCert=false, for self-signed development certificates only.
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true };
        }
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // A 16 MB append comes back as one read page at most this large.
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
        _streams = new Streams.StreamsClient(_channel);
        _features = new ServerFeatures.ServerFeaturesClient(_channel);
        _gossip = new Gossip.GossipClient(_channel);
        _deadline = settings.DefaultDeadline;
        // Every call the recorded client made carried requires-leader: true; a follower then answers not-leader
        // instead of serving a write it would have to forward or a read that may lag.
        _headers = new Metadata { { "requires-leader", requiresLeader ? "true" : "false" } };
        if (settings.UserName is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
            _headers.Add("authorization", $"Basic {basic}");
        }
    }

    public EsdbEndpoint Endpoint { get; }

    public Uri Address { get; }

    // Deadlines are transport timing on the real clock, never the store's (possibly manual) TimeProvider.
    private CallOptions Unary(CancellationToken ct) => new(_headers, TimeProvider.System.GetUtcNow().UtcDateTime + _deadline, ct);

    private CallOptions Streaming(CancellationToken ct) => new(_headers, deadline: null, cancellationToken: ct);

    public async Task<SupportedMethods> GetSupportedMethodsAsync(CancellationToken ct)
    {
        try
        {
            return await _features.GetSupportedMethodsAsync(new Protocol.Empty(), Unary(ct)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, null);
        }
    }

    public async Task<IReadOnlyList<EsdbMember>> ReadGossipAsync(CancellationToken ct)
    {
        try
        {
            var info = await _gossip.ReadAsync(new Protocol.Empty(), Unary(ct)).ResponseAsync.ConfigureAwait(false);
            return info.Members
                .Select(m => new EsdbMember(EsdbUuid.FromWire(m.InstanceId), m.State.ToString(), m.IsAlive, new EsdbEndpoint(m.HttpEndPoint.Address, (int)m.HttpEndPoint.Port)))
                .ToArray();
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, null);
        }
    }

    /// <summary>Client-streaming Append: the options first, then one message per event.</summary>
    public async Task<EsdbAppendOutcome> AppendAsync(string stream, EsdbExpected expected, IReadOnlyList<EsdbProposedEvent> events, CancellationToken ct)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = Name(stream) };
        switch (expected.Kind)
        {
            case EsdbExpectedKind.Any:
                options.Any = new Protocol.Empty();
                break;
            case EsdbExpectedKind.NoStream:
                options.NoStream = new Protocol.Empty();
                break;
            case EsdbExpectedKind.StreamExists:
                options.StreamExists = new Protocol.Empty();
                break;
            default:
                options.Revision = expected.Revision!.Value;
                break;
        }
        try
        {
            using var call = _streams.Append(Unary(ct));
            try
            {
                await call.RequestStream.WriteAsync(new AppendReq { Options = options }, ct).ConfigureAwait(false);
                foreach (var e in events)
                {
                    var message = new AppendReq.Types.ProposedMessage
                    {
                        // The text form, as the recorded client sent it; the server accepts both forms.
                        Id = EsdbUuid.ToText(e.Id),
                        Data = ByteString.CopyFrom(e.Data.Span),
                    };
                    message.Metadata.Add("type", e.Type);
                    message.Metadata.Add("content-type", e.ContentType);
                    if (!e.CustomMetadata.IsEmpty)
                    {
                        message.CustomMetadata = ByteString.CopyFrom(e.CustomMetadata.Span);
                    }
                    await call.RequestStream.WriteAsync(new AppendReq { ProposedMessage = message }, ct).ConfigureAwait(false);
                }
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception) when (call.ResponseAsync.IsCompleted || !ct.IsCancellationRequested)
            {
                // A write fails when the server already ended the call (e.g. Trailers-Only stream-deleted):
                // its status, read below, says why far better than the write's own error.
            }
            var response = await call.ResponseAsync.ConfigureAwait(false);
            return response.ResultCase switch
            {
                AppendResp.ResultOneofCase.Success => new EsdbAppendOutcome.Written(
                    response.Success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision ? response.Success.CurrentRevision : 0,
                    response.Success.Position?.CommitPosition ?? 0,
                    response.Success.Position?.PreparePosition ?? 0),
                AppendResp.ResultOneofCase.WrongExpectedVersion => WrongExpected(response.WrongExpectedVersion),
                _ => throw new EventStoreUnavailableException($"EventStoreDB at {Address} answered an append with neither success nor wrong_expected_version"),
            };
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, stream);
        }
    }

    private static EsdbAppendOutcome.WrongExpectedVersion WrongExpected(AppendResp.Types.WrongExpectedVersion w)
    {
        // Prefer the current fields (6-11); servers before 20.6 filled only the legacy ones (1-5).
        ulong? current = w.CurrentRevisionOptionCase switch
        {
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => w.CurrentRevision,
            AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => null,
            _ => w.CurrentRevisionOption2060Case == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060 ? w.CurrentRevision2060 : null,
        };
        var expected = w.ExpectedRevisionOptionCase switch
        {
            AppendResp.Types.WrongExpectedVersion.ExpectedRevisionOptionOneofCase.ExpectedRevision => w.ExpectedRevision.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AppendResp.Types.WrongExpectedVersion.ExpectedRevisionOptionOneofCase.ExpectedNoStream => "no stream",
            AppendResp.Types.WrongExpectedVersion.ExpectedRevisionOptionOneofCase.ExpectedAny => "any",
            AppendResp.Types.WrongExpectedVersion.ExpectedRevisionOptionOneofCase.ExpectedStreamExists => "stream exists",
            _ => w.ExpectedRevision2060 == ulong.MaxValue ? "no stream" : w.ExpectedRevision2060.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return new EsdbAppendOutcome.WrongExpectedVersion(current, expected);
    }

    /// <summary>
    /// Reads one stream. A missing or soft-deleted stream yields nothing (the server says so in-band).
    /// A compatibility level is sent as control_option, as official clients do (1 adds a final
    /// last_stream_position message, which is skipped); null leaves the option out, as the recorded reads did.
    /// </summary>
    public IAsyncEnumerable<ReadResp.Types.ReadEvent.Types.RecordedEvent> ReadStreamAsync(string stream, EsdbStreamStart from, bool backwards, ulong count, bool structuredIds, CancellationToken ct, uint? compatibility = null)
    {
        var options = new ReadReq.Types.Options.Types.StreamOptions { StreamIdentifier = Name(stream) };
        if (from.FromEnd)
        {
            options.End = new Protocol.Empty();
        }
        else if (from.Revision is { } revision)
        {
            options.Revision = revision;
        }
        else
        {
            options.Start = new Protocol.Empty();
        }
        var request = NewRead(backwards, structuredIds);
        request.Options.Stream = options;
        request.Options.Count = count;
        if (compatibility is { } level)
        {
            request.Options.ControlOption = new ReadReq.Types.Options.Types.ControlOption { Compatibility = level };
        }
        return ReadEventsAsync(request, stream, ct);
    }

    /// <summary>Reads $all, unfiltered (the caller decides which streams are its own).</summary>
    public IAsyncEnumerable<ReadResp.Types.ReadEvent.Types.RecordedEvent> ReadAllAsync(EsdbAllStart from, bool backwards, ulong count, bool structuredIds, CancellationToken ct)
    {
        var request = NewRead(backwards, structuredIds);
        request.Options.All = AllOptions(from);
        request.Options.Count = count;
        return ReadEventsAsync(request, null, ct);
    }

    /// <summary>
    /// A catch-up subscription to $all: Read with the subscription count option. The server first
    /// confirms, then sends history, a checkpoint and caught_up, then live events until cancelled.
    /// </summary>
    public async IAsyncEnumerable<EsdbSubscriptionMessage> SubscribeToAllAsync(EsdbAllStart from, IReadOnlyList<string> streamPrefixes, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = NewRead(backwards: false, structuredIds: true);
        request.Options.All = AllOptions(from);
        request.Options.Subscription = new ReadReq.Types.Options.Types.SubscriptionOptions();
        if (streamPrefixes.Count > 0)
        {
            var filter = new ReadReq.Types.Options.Types.FilterOptions
            {
                StreamIdentifier = new ReadReq.Types.Options.Types.FilterOptions.Types.Expression(),
                // The window and multiplier the recorded client used: a checkpoint after at most 32 filtered-out events.
                Max = 32,
                CheckpointIntervalMultiplier = 1,
            };
            filter.StreamIdentifier.Prefix.AddRange(streamPrefixes);
            request.Options.Filter = filter;
        }
        using var call = _streams.Read(request, Streaming(ct));
        var responses = call.ResponseStream;
        while (true)
        {
            ReadResp message;
            try
            {
                if (!await responses.MoveNext(ct).ConfigureAwait(false))
                {
                    yield break;
                }
                message = responses.Current;
            }
            catch (RpcException e)
            {
                // Our own cancellation is reported as such, not as a failure of the server.
                throw e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested ? new OperationCanceledException(ct) : EsdbErrors.Map(e, Address, null);
            }
            switch (message.ContentCase)
            {
                case ReadResp.ContentOneofCase.Confirmation:
                    yield return new EsdbSubscriptionMessage.Confirmed(message.Confirmation.SubscriptionId);
                    break;
                case ReadResp.ContentOneofCase.Event:
                    yield return new EsdbSubscriptionMessage.Event(message.Event.Event);
                    break;
                case ReadResp.ContentOneofCase.Checkpoint:
                    yield return new EsdbSubscriptionMessage.Checkpoint(message.Checkpoint.CommitPosition, message.Checkpoint.PreparePosition);
                    break;
                case ReadResp.ContentOneofCase.CaughtUp:
                    yield return new EsdbSubscriptionMessage.CaughtUp();
                    break;
                case ReadResp.ContentOneofCase.FellBehind:
                    yield return new EsdbSubscriptionMessage.FellBehind();
                    break;
            }
        }
    }

    /// <summary>Soft delete: the stream reads as missing afterwards but its name can be reused.</summary>
    public async Task<ulong?> DeleteAsync(string stream, EsdbExpected expected, CancellationToken ct)
    {
        var options = new DeleteReq.Types.Options { StreamIdentifier = Name(stream) };
        switch (expected.Kind)
        {
            case EsdbExpectedKind.Any:
                options.Any = new Protocol.Empty();
                break;
            case EsdbExpectedKind.NoStream:
                options.NoStream = new Protocol.Empty();
                break;
            case EsdbExpectedKind.StreamExists:
                options.StreamExists = new Protocol.Empty();
                break;
            default:
                options.Revision = expected.Revision!.Value;
                break;
        }
        try
        {
            var response = await _streams.DeleteAsync(new DeleteReq { Options = options }, Unary(ct)).ResponseAsync.ConfigureAwait(false);
            return response.PositionOptionCase == DeleteResp.PositionOptionOneofCase.Position ? response.Position.CommitPosition : null;
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, stream);
        }
    }

    /// <summary>Hard delete: the stream can never be read or written again.</summary>
    public async Task<ulong?> TombstoneAsync(string stream, EsdbExpected expected, CancellationToken ct)
    {
        var options = new TombstoneReq.Types.Options { StreamIdentifier = Name(stream) };
        switch (expected.Kind)
        {
            case EsdbExpectedKind.Any:
                options.Any = new Protocol.Empty();
                break;
            case EsdbExpectedKind.NoStream:
                options.NoStream = new Protocol.Empty();
                break;
            case EsdbExpectedKind.StreamExists:
                options.StreamExists = new Protocol.Empty();
                break;
            default:
                options.Revision = expected.Revision!.Value;
                break;
        }
        try
        {
            var response = await _streams.TombstoneAsync(new TombstoneReq { Options = options }, Unary(ct)).ResponseAsync.ConfigureAwait(false);
            return response.PositionOptionCase == TombstoneResp.PositionOptionOneofCase.Position ? response.Position.CommitPosition : null;
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, stream);
        }
    }

    /// <summary>
    /// BatchAppend with one final request carrying options and every event (structured ids, as the
    /// recorded client sent them); the server answers once, echoing the correlation id.
    /// </summary>
    public async Task<EsdbAppendOutcome> BatchAppendAsync(Guid correlationId, string stream, EsdbExpected expected, IReadOnlyList<EsdbProposedEvent> events, CancellationToken ct)
    {
        var options = new BatchAppendReq.Types.Options
        {
            StreamIdentifier = Name(stream),
            Deadline = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(Math.Ceiling(_deadline.TotalSeconds))),
        };
        switch (expected.Kind)
        {
            case EsdbExpectedKind.Any:
                options.Any = new Google.Protobuf.WellKnownTypes.Empty();
                break;
            case EsdbExpectedKind.NoStream:
                options.NoStream = new Google.Protobuf.WellKnownTypes.Empty();
                break;
            case EsdbExpectedKind.StreamExists:
                options.StreamExists = new Google.Protobuf.WellKnownTypes.Empty();
                break;
            default:
                options.StreamPosition = expected.Revision!.Value;
                break;
        }
        var request = new BatchAppendReq { CorrelationId = EsdbUuid.ToStructured(correlationId), Options = options, IsFinal = true };
        foreach (var e in events)
        {
            var message = new BatchAppendReq.Types.ProposedMessage { Id = EsdbUuid.ToStructured(e.Id), Data = ByteString.CopyFrom(e.Data.Span) };
            message.Metadata.Add("type", e.Type);
            message.Metadata.Add("content-type", e.ContentType);
            if (!e.CustomMetadata.IsEmpty)
            {
                message.CustomMetadata = ByteString.CopyFrom(e.CustomMetadata.Span);
            }
            request.ProposedMessages.Add(message);
        }
        try
        {
            using var call = _streams.BatchAppend(Unary(ct));
            await call.RequestStream.WriteAsync(request, ct).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            {
                var response = call.ResponseStream.Current;
                if (EsdbUuid.FromWire(response.CorrelationId) != correlationId)
                {
                    continue;
                }
                if (response.ResultCase == BatchAppendResp.ResultOneofCase.Success)
                {
                    var success = response.Success;
                    return new EsdbAppendOutcome.Written(
                        success.CurrentRevisionOptionCase == BatchAppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision ? success.CurrentRevision : 0,
                        success.Position?.CommitPosition ?? 0,
                        success.Position?.PreparePosition ?? 0);
                }
                // BatchAppend reports a wrong expected version as google.rpc.Status code 9 without the revisions.
                if (response.Error is { Code: 9 } error)
                {
                    return new EsdbAppendOutcome.WrongExpectedVersion(null, error.Message);
                }
                throw new EventStoreUnavailableException($"EventStoreDB at {Address} refused a batch append to '{stream}': {response.Error?.Message ?? "no reason given"}");
            }
            throw new EventStoreUnavailableException($"EventStoreDB at {Address} ended a batch append to '{stream}' without answering it");
        }
        catch (RpcException e)
        {
            throw EsdbErrors.Map(e, Address, stream);
        }
    }

    private static ReadReq NewRead(bool backwards, bool structuredIds) => new()
    {
        Options = new ReadReq.Types.Options
        {
            ReadDirection = backwards ? ReadReq.Types.Options.Types.ReadDirection.Backwards : ReadReq.Types.Options.Types.ReadDirection.Forwards,
            NoFilter = new Protocol.Empty(),
            UuidOption = structuredIds
                ? new ReadReq.Types.Options.Types.UUIDOption { Structured = new Protocol.Empty() }
                : new ReadReq.Types.Options.Types.UUIDOption { String = new Protocol.Empty() },
        },
    };

    private static ReadReq.Types.Options.Types.AllOptions AllOptions(EsdbAllStart from)
    {
        var all = new ReadReq.Types.Options.Types.AllOptions();
        if (from.FromEnd)
        {
            all.End = new Protocol.Empty();
        }
        else if (from.CommitPosition is { } position)
        {
            // Our global position is the commit position; for events written by appends (no explicit
            // transactions since 20.6) the prepare position is the same number.
            all.Position = new ReadReq.Types.Options.Types.Position { CommitPosition = position, PreparePosition = position };
        }
        else
        {
            all.Start = new Protocol.Empty();
        }
        return all;
    }

    private async IAsyncEnumerable<ReadResp.Types.ReadEvent.Types.RecordedEvent> ReadEventsAsync(ReadReq request, string? stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var call = _streams.Read(request, Unary(ct));
        var responses = call.ResponseStream;
        while (true)
        {
            ReadResp message;
            try
            {
                if (!await responses.MoveNext(ct).ConfigureAwait(false))
                {
                    yield break;
                }
                message = responses.Current;
            }
            catch (RpcException e)
            {
                throw e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested ? new OperationCanceledException(ct) : EsdbErrors.Map(e, Address, stream);
            }
            if (message.ContentCase == ReadResp.ContentOneofCase.StreamNotFound)
            {
                yield break;
            }
            if (message.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                yield return message.Event.Event;
            }
        }
    }

    private static StreamIdentifier Name(string stream) => new() { StreamName = ByteString.CopyFromUtf8(stream) };

    public void Dispose() => _channel.Dispose();
}
