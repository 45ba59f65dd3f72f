using System.Net;
using BilateralTimeline.EventStore.EventStoreDb.Protocol;
using BilateralTimeline.EventStore.EventStoreDb.Tests.Replay;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireEvent = BilateralTimeline.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent.Types.RecordedEvent;

namespace BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

/// <summary>
/// An in-memory stand-in for an EventStoreDB node, speaking the same gRPC messages over HTTP/2 on
/// loopback, so the whole contract suite can drive the real store and client in CI. It follows the
/// behaviour the recorded vectors show (in-band wrong_expected_version and stream_not_found, resends
/// at the same expected revision acknowledged with the original positions, positions that grow by
/// more than one, subscription confirmation → catch-up → caught_up → live). It is NOT EventStoreDB:
/// the live contract project is what proves the store against the real server.
/// </summary>
public sealed class StandInEventStoreDb : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Storage _data;
    private int _appendsAnswered;

    private StandInEventStoreDb(WebApplication app, Storage data)
    {
        _app = app;
        _data = data;
    }

    /// <summary>The log, shared by the nodes of a stand-in cluster (replication is instant here).</summary>
    internal sealed class Storage
    {
        public readonly Lock Lock = new();
        public readonly List<WireEvent> Log = [];
        public readonly Dictionary<string, List<WireEvent>> Streams = new(StringComparer.Ordinal);
        public TaskCompletionSource Appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ulong NextPosition = 548;
    }

    private readonly CancellationTokenSource _killed = new();

    /// <summary>A killed node: every call, gossip included, is reset without an answer.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Kills the node: new calls are reset and open subscriptions are cut.</summary>
    public void Kill()
    {
        Stopped = true;
        _killed.Cancel();
    }

    /// <summary>After answering this many appends the node dies (<see cref="Stopped"/>), as a server killed mid-import.</summary>
    public int? StopAfterAppends { get; set; }

    /// <summary>The next append is stored, then the node dies before answering it: the writer cannot know it landed.</summary>
    public bool DieBeforeAnsweringNextAppend { get; set; }

    /// <summary>What this node's gossip says about the cluster; null: a single node, which answers no gossip.</summary>
    public Func<IReadOnlyList<(EsdbEndpoint Endpoint, string State, bool IsAlive)>>? Gossip { get; set; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    /// <summary>Calls that reached this node with this method name (e.g. "Append", "Read"), to count round trips.</summary>
    public int CallsTo(string method) => _calls.Where(c => c.Key.EndsWith("/" + method, StringComparison.Ordinal)).Sum(c => c.Value);

    public int Port { get; private set; }

    /// <summary>
    /// When set, this node acts as a follower of that leader: stream calls answer not-leader, except reads
    /// sent with requires-leader: false, which it serves from the shared log (replication is instant here).
    /// </summary>
    public EsdbEndpoint? FollowerOf { get; set; }

    /// <summary>An election is running: stream calls answer not-leader without naming a leader.</summary>
    public bool Electing { get; set; }

    public EsdbEndpoint Endpoint => new("127.0.0.1", Port);

    /// <summary>Events the node holds, in every stream.</summary>
    public int EventCount
    {
        get
        {
            lock (_data.Lock)
            {
                return _data.Log.Count;
            }
        }
    }

    public string ConnectionString => $"esdb://127.0.0.1:{Port}?tls=false";

    public static Task<StandInEventStoreDb> StartAsync() => StartAsync(new Storage());

    /// <summary>Another node over the same log, for a stand-in cluster.</summary>
    public Task<StandInEventStoreDb> StartPeerAsync() => StartAsync(_data);

    private static async Task<StandInEventStoreDb> StartAsync(Storage data)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var node = new StandInEventStoreDb(app, data);
        app.Run(node.AnswerAsync);
        await app.StartAsync();
        node.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return node;
    }

    /// <summary>Changes one letter of the stored data of the event at <paramref name="position"/>, as a bad disk would.</summary>
    public void Tamper(ulong position)
    {
        lock (_data.Lock)
        {
            var e = _data.Log.Single(x => x.CommitPosition == position);
            var data = e.Data.ToByteArray();
            var letter = Array.FindIndex(data, b => char.IsAsciiLetter((char)b));
            data[letter] = (byte)(data[letter] is (byte)'z' or (byte)'Z' ? data[letter] - 1 : data[letter] + 1);
            e.Data = ByteString.CopyFrom(data);
        }
    }

    /// <summary>
    /// Drops every event after commit position <paramref name="lastKept"/>, as a restore from an older
    /// backup or a scavenged deletion would; positions already handed out are not handed out again.
    /// </summary>
    public void CutTail(ulong lastKept)
    {
        lock (_data.Lock)
        {
            _data.Log.RemoveAll(e => e.CommitPosition > lastKept);
            foreach (var stream in _data.Streams.Values)
            {
                stream.RemoveAll(e => e.CommitPosition > lastKept);
            }
            foreach (var empty in _data.Streams.Where(s => s.Value.Count == 0).Select(s => s.Key).ToList())
            {
                _data.Streams.Remove(empty);
            }
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        _calls.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
        if (Stopped)
        {
            context.Abort();
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var messages = ProtoWire.Frames(body.ToArray());
        context.Response.ContentType = "application/grpc";
        var followerRead = FollowerOf is not null && !Electing && context.Request.Path == "/event_store.client.streams.Streams/Read" && context.Request.Headers["requires-leader"] == "false";
        if ((FollowerOf is not null || Electing) && !followerRead && context.Request.Path.StartsWithSegments("/event_store.client.streams.Streams", StringComparison.Ordinal))
        {
            // A follower refuses calls that require the leader, naming it in the trailers (Trailers-Only);
            // during an election there is no leader to name.
            context.Response.Headers["grpc-status"] = "5";
            context.Response.Headers["grpc-message"] = "Leader info available";
            context.Response.Headers["exception"] = "not-leader";
            if (FollowerOf is { } leader && !Electing)
            {
                context.Response.Headers["leader-endpoint-host"] = leader.Host;
                context.Response.Headers["leader-endpoint-port"] = leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            context.Response.ContentLength = 0;
            return;
        }
        await context.Response.StartAsync(context.RequestAborted);
        switch (context.Request.Path.Value)
        {
            case "/event_store.client.server_features.ServerFeatures/GetSupportedMethods":
                var features = new SupportedMethods { EventStoreServerVersion = "24.6.0-stand-in" };
                features.Methods.Add(new SupportedMethod { ServiceName = "event_store.client.streams.streams", MethodName = "read" });
                await WriteAsync(context, features);
                break;
            case "/event_store.client.gossip.Gossip/Read" when Gossip is { } members:
                var info = new ClusterInfo();
                foreach (var (endpoint, state, alive) in members())
                {
                    info.Members.Add(new MemberInfo
                    {
                        InstanceId = EsdbUuid.ToStructured(Guid.NewGuid()),
                        State = Enum.Parse<MemberInfo.Types.VNodeState>(state),
                        IsAlive = alive,
                        HttpEndPoint = new Protocol.EndPoint { Address = endpoint.Host, Port = (uint)endpoint.Port },
                    });
                }
                await WriteAsync(context, info);
                break;
            case "/event_store.client.streams.Streams/Append":
                var answer = Append(messages.Select(AppendReq.Parser.ParseFrom).ToList());
                if (DieBeforeAnsweringNextAppend)
                {
                    DieBeforeAnsweringNextAppend = false;
                    Kill();
                    context.Abort();
                    return;
                }
                await WriteAsync(context, answer);
                if (Interlocked.Increment(ref _appendsAnswered) == StopAfterAppends)
                {
                    Kill();
                }
                break;
            case "/event_store.client.streams.Streams/Read":
                if (!await ReadAsync(context, ReadReq.Parser.ParseFrom(messages[0]).Options))
                {
                    return;
                }
                break;
            default:
                context.Response.AppendTrailer("grpc-status", "12");
                return;
        }
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private AppendResp Append(List<AppendReq> requests)
    {
        var options = requests[0].Options;
        var name = options.StreamIdentifier.StreamName.ToStringUtf8();
        var proposed = requests.Skip(1).Select(r => r.ProposedMessage).ToList();
        lock (_data.Lock)
        {
            var stream = _data.Streams.TryGetValue(name, out var existing) ? existing : [];
            long current = stream.Count - 1;
            long? expected = options.ExpectedStreamRevisionCase switch
            {
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => (long)options.Revision,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => -1,
                _ => null,
            };
            if (expected is { } e && e != current)
            {
                // A resend of events already stored right after the expected revision is acknowledged as they were (vector 03).
                var after = stream.Skip((int)(e + 1)).Take(proposed.Count).ToList();
                if (e < current && after.Count == proposed.Count && after.Select(x => x.Id.String).SequenceEqual(proposed.Select(p => p.Id.String)))
                {
                    return Success((ulong)after[^1].StreamRevision, after[^1].CommitPosition);
                }
                var wrong = new AppendResp.Types.WrongExpectedVersion();
                if (current < 0)
                {
                    wrong.CurrentNoStream = new Protocol.Empty();
                }
                else
                {
                    wrong.CurrentRevision = (ulong)current;
                }
                if (e < 0)
                {
                    wrong.ExpectedNoStream = new Protocol.Empty();
                }
                else
                {
                    wrong.ExpectedRevision = (ulong)e;
                }
                return new AppendResp { WrongExpectedVersion = wrong };
            }
            foreach (var p in proposed)
            {
                var recorded = new WireEvent
                {
                    Id = p.Id,
                    StreamIdentifier = options.StreamIdentifier,
                    StreamRevision = (ulong)stream.Count,
                    CommitPosition = _data.NextPosition,
                    PreparePosition = _data.NextPosition,
                    CustomMetadata = p.CustomMetadata,
                    Data = p.Data,
                };
                recorded.Metadata.Add(p.Metadata);
                recorded.Metadata["created"] = "17953596450289970";
                // Positions are log offsets: they grow with the size of what was written.
                _data.NextPosition += 100 + (ulong)p.Data.Length + (ulong)p.CustomMetadata.Length;
                stream.Add(recorded);
                _data.Log.Add(recorded);
            }
            _data.Streams[name] = stream;
            var last = stream[^1];
            _data.Appended.TrySetResult();
            _data.Appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Success(last.StreamRevision, last.CommitPosition);
        }
    }

    private static AppendResp Success(ulong revision, ulong position) => new()
    {
        Success = new AppendResp.Types.Success { CurrentRevision = revision, Position = new AppendResp.Types.Position { CommitPosition = position, PreparePosition = position } },
    };

    /// <summary>Answers a read; false when it already ended the call with an error status.</summary>
    private async Task<bool> ReadAsync(HttpContext context, ReadReq.Types.Options options)
    {
        var structured = options.UuidOption?.ContentCase == ReadReq.Types.Options.Types.UUIDOption.ContentOneofCase.Structured;
        var backwards = options.ReadDirection == ReadReq.Types.Options.Types.ReadDirection.Backwards;
        if (options.StreamOptionCase == ReadReq.Types.Options.StreamOptionOneofCase.Stream)
        {
            var name = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
            List<WireEvent> page;
            lock (_data.Lock)
            {
                if (!_data.Streams.TryGetValue(name, out var stream))
                {
                    page = [];
                }
                else
                {
                    var s = options.Stream;
                    IEnumerable<WireEvent> ordered = backwards ? Enumerable.Reverse(stream) : stream;
                    ordered = s.RevisionOptionCase == ReadReq.Types.Options.Types.StreamOptions.RevisionOptionOneofCase.Revision
                        ? ordered.Where(e => backwards ? e.StreamRevision <= s.Revision : e.StreamRevision >= s.Revision)
                        : ordered;
                    page = ordered.Take((int)Math.Min(options.Count, int.MaxValue)).ToList();
                }
                if (!_data.Streams.ContainsKey(name))
                {
                    page = [];
                }
            }
            if (!_data.Streams.ContainsKey(name))
            {
                await WriteAsync(context, new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = options.Stream.StreamIdentifier } });
                return true;
            }
            foreach (var e in page)
            {
                await WriteAsync(context, Event(e, structured));
            }
            return true;
        }
        var all = options.All;
        var prefixes = options.Filter?.StreamIdentifier?.Prefix.ToArray() ?? [];
        bool Matches(WireEvent e) => prefixes.Length == 0 || prefixes.Any(p => e.StreamIdentifier.StreamName.ToStringUtf8().StartsWith(p, StringComparison.Ordinal));
        ulong? from = all.AllOptionCase == ReadReq.Types.Options.Types.AllOptions.AllOptionOneofCase.Position ? all.Position.CommitPosition : null;
        if (from is { } asked && !IsEventPosition(asked))
        {
            // What a real 24.6 node answered to `bt events --from 1` (status Unknown, no exception trailer).
            context.Response.AppendTrailer("grpc-status", "2");
            context.Response.AppendTrailer("grpc-message", "Unexpected ReadAllResult: InvalidPosition");
            return false;
        }
        if (options.CountOptionCase != ReadReq.Types.Options.CountOptionOneofCase.Subscription)
        {
            List<WireEvent> page;
            lock (_data.Lock)
            {
                IEnumerable<WireEvent> ordered = backwards ? Enumerable.Reverse(_data.Log) : _data.Log;
                // Forwards from a position includes the event at it; backwards from a position starts before it.
                ordered = from is { } p ? ordered.Where(e => backwards ? e.CommitPosition < p : e.CommitPosition >= p) : ordered;
                page = ordered.Where(Matches).Take((int)Math.Min(options.Count, int.MaxValue)).ToList();
            }
            foreach (var e in page)
            {
                await WriteAsync(context, Event(e, structured));
            }
            return true;
        }
        await WriteAsync(context, new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() } });
        var sent = 0;
        var caughtUp = false;
        // A subscription starts after the position it is given.
        var after = from;
        while (!context.RequestAborted.IsCancellationRequested)
        {
            List<WireEvent> batch;
            Task next;
            lock (_data.Lock)
            {
                batch = _data.Log.Skip(sent).ToList();
                next = _data.Appended.Task;
            }
            foreach (var e in batch)
            {
                sent++;
                if ((after is null || e.CommitPosition > after) && Matches(e))
                {
                    await WriteAsync(context, Event(e, structured));
                }
            }
            if (!caughtUp)
            {
                caughtUp = true;
                await WriteAsync(context, new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp() });
            }
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _killed.Token);
                await next.WaitAsync(either.Token);
            }
            catch (OperationCanceledException)
            {
                if (_killed.IsCancellationRequested)
                {
                    // A killed node's open subscriptions die with it, without trailers.
                    context.Abort();
                }
                return true;
            }
        }
        return true;
    }

    /// <summary>Where an event begins, or the end of the log: the only $all positions a node accepts.</summary>
    private bool IsEventPosition(ulong position)
    {
        lock (_data.Lock)
        {
            return position == _data.NextPosition || _data.Log.Exists(e => e.CommitPosition == position);
        }
    }

    private static ReadResp Event(WireEvent stored, bool structured)
    {
        var copy = stored.Clone();
        var id = EsdbUuid.FromWire(stored.Id);
        copy.Id = structured ? EsdbUuid.ToStructured(id) : EsdbUuid.ToText(id);
        return new ReadResp { Event = new ReadResp.Types.ReadEvent { Event = copy, CommitPosition = stored.CommitPosition } };
    }

    private static async Task WriteAsync(HttpContext context, IMessage message)
    {
        await context.Response.Body.WriteAsync(ProtoWire.Frame(message.ToByteArray()), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _killed.Dispose();
    }
}
