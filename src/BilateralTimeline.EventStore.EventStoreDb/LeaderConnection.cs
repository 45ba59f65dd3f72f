using BilateralTimeline.Application.Ports;
using Grpc.Core;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// The node the store's calls go to, and how they get to the leader again after losing it. A not-leader
/// answer that names the leader moves there at once; a transport failure, or a not-leader answer that
/// names none (an election), asks gossip again (the seeds and the members last seen), waiting
/// discoveryInterval, doubling up to <see cref="LongestInterval"/>, for at most maxDiscoverAttempts rounds.
/// Only calls that are safe to repeat are run through <see cref="RunAsync"/>: reads, and appends re-sent
/// with the same event ids and exact expected revision (the server answers a resend of an append that
/// landed with its original positions).
/// </summary>
internal sealed class LeaderConnection : IDisposable
{
    private static readonly TimeSpan LongestInterval = TimeSpan.FromSeconds(2);

    private readonly EsdbConnectionString _settings;
    private readonly Lock _lock = new();
    private readonly List<EsdbClient> _retired = [];
    private EsdbClient _client;
    private EsdbClient? _reader;
    private IReadOnlyList<EsdbMember> _members;

    private LeaderConnection(EsdbConnectionString settings, EsdbClient client, IReadOnlyList<EsdbMember> members)
    {
        _settings = settings;
        _client = client;
        _members = members;
    }

    public EsdbClient Client => Volatile.Read(ref _client);

    /// <summary>
    /// Where reads go: the leader, or with nodePreference=follower|random a member gossip last showed
    /// (without requires-leader, so it serves the read). Null: no such member is known; read from the leader.
    /// </summary>
    private EsdbClient? Reader
    {
        get
        {
            if (_settings.NodePreference == EsdbNodePreference.Leader)
            {
                return null;
            }
            lock (_lock)
            {
                if (_reader is null)
                {
                    var candidates = _members.Where(m => m.IsAlive && (m.State == "Follower" || (_settings.NodePreference == EsdbNodePreference.Random && m.State == "Leader"))).ToArray();
                    if (candidates.Length > 0)
                    {
                        var pick = candidates[Random.Shared.Next(candidates.Length)];
                        _reader = new EsdbClient(pick.Endpoint, _settings, requiresLeader: false);
                    }
                }
                return _reader;
            }
        }
    }

    /// <summary>
    /// A read, where nodePreference sends it; if that node fails or refuses, the read is dropped from it and
    /// made on the leader (<see cref="RunAsync"/>), and gossip picks another reader next time.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<EsdbClient, Task<T>> call, CancellationToken ct)
    {
        if (Reader is { } reader)
        {
            try
            {
                return await call(reader).ConfigureAwait(false);
            }
            catch (Exception e) when (IsLeaderLoss(e) && !ct.IsCancellationRequested)
            {
                lock (_lock)
                {
                    if (ReferenceEquals(_reader, reader))
                    {
                        _retired.Add(reader);
                        _reader = null;
                    }
                }
            }
        }
        return await RunAsync(call, ct).ConfigureAwait(false);
    }

    /// <summary>One host is used as it is; several are gossip seeds, asked until one names a live leader.</summary>
    public static async Task<LeaderConnection> OpenAsync(EsdbConnectionString settings, CancellationToken ct)
    {
        if (settings.Hosts.Count == 1 && settings.NodePreference == EsdbNodePreference.Leader)
        {
            return new LeaderConnection(settings, new EsdbClient(settings.Hosts[0], settings), []);
        }
        var tried = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            if (await AskGossipAsync(settings, settings.Hosts, tried, ct).ConfigureAwait(false) is { } found)
            {
                return new LeaderConnection(settings, new EsdbClient(found.Leader, settings), found.Members);
            }
            if (settings.Hosts.Count == 1)
            {
                // Gossip was asked only to find followers to read from: the one node stays the way in.
                return new LeaderConnection(settings, new EsdbClient(settings.Hosts[0], settings), []);
            }
            if (attempt >= settings.MaxDiscoverAttempts)
            {
                throw new EventStoreUnavailableException($"no EventStoreDB leader found through the gossip seeds after {attempt} attempt(s) ({string.Join("; ", tried.TakeLast(settings.Hosts.Count * 2))})");
            }
            await Task.Delay(Interval(settings, attempt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a call that is safe to repeat on the leader, following it through a failover. When no leader
    /// answers within the discovery budget the call fails with <see cref="EventStoreRetryLaterException"/>
    /// naming every node tried.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<EsdbClient, Task<T>> call, CancellationToken ct)
    {
        var tried = new List<string>();
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            var client = Client;
            try
            {
                return await call(client).ConfigureAwait(false);
            }
            catch (Exception e) when (IsLeaderLoss(e) && !ct.IsCancellationRequested)
            {
                tried.Add($"{client.Endpoint} {Describe(e)}");
                if (attempt > _settings.MaxDiscoverAttempts)
                {
                    throw new EventStoreRetryLaterException(
                        $"no EventStoreDB leader answered within {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s ({_settings.MaxDiscoverAttempts} discovery attempt(s)); "
                        + $"tried: {string.Join("; ", tried.Distinct(StringComparer.Ordinal))}. Retrying is safe: an append that did land is recognised by its event ids",
                        e);
                }
                await FindLeaderAsync(client, (e as NotLeaderException)?.Leader, attempt == 1 ? TimeSpan.Zero : Interval(_settings, attempt - 1), tried, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A not-leader answer, or a failure of the node or the path to it (not a refusal). A call that ran out
    /// of defaultDeadline is not: repeating it ten times would only hide "raise defaultDeadline" for minutes
    /// (a leader that hangs without resetting the connection is noticed by HTTP/2 pings, as unreachable).
    /// </summary>
    public static bool IsLeaderLoss(Exception e) =>
        e is NotLeaderException || (EsdbErrors.IsTransient(e) && e.InnerException is not RpcException { StatusCode: StatusCode.DeadlineExceeded });

    /// <summary>
    /// Moves later calls off <paramref name="failed"/>: to the leader a follower named, else to the live
    /// leader gossip shows after waiting <paramref name="wait"/>; if no gossip answers, a one-host
    /// connection is simply opened again (the node may be restarting).
    /// </summary>
    public async Task FindLeaderAsync(EsdbClient failed, EsdbEndpoint? named, TimeSpan wait, List<string>? tried, CancellationToken ct)
    {
        if (named is not null)
        {
            MoveTo(failed, named);
            return;
        }
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct).ConfigureAwait(false);
        }
        IReadOnlyList<EsdbEndpoint> members;
        lock (_lock)
        {
            members = _members.Select(m => m.Endpoint).ToArray();
        }
        // The node that just failed is asked last: the others are likelier to know the new leader.
        var candidates = _settings.Hosts.Concat(members).Distinct().OrderBy(h => h == failed.Endpoint).ToArray();
        if (await AskGossipAsync(_settings, candidates, tried ?? [], ct).ConfigureAwait(false) is { } found)
        {
            lock (_lock)
            {
                _members = found.Members;
                // Followers may have changed too: the next read picks one from this view.
                if (_reader is not null)
                {
                    _retired.Add(_reader);
                    _reader = null;
                }
            }
            MoveTo(failed, found.Leader);
        }
        else if (_settings.Hosts.Count == 1)
        {
            MoveTo(failed, _settings.Hosts[0]);
        }
    }

    private void MoveTo(EsdbClient failed, EsdbEndpoint leader)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_client, failed))
            {
                // A fresh channel even to the same node: the old one may hold a dead connection. Calls still
                // running on the old one finish there; it is closed with the store.
                _retired.Add(_client);
                Volatile.Write(ref _client, new EsdbClient(leader, _settings));
            }
        }
    }

    private static async Task<(EsdbEndpoint Leader, IReadOnlyList<EsdbMember> Members)?> AskGossipAsync(EsdbConnectionString settings, IEnumerable<EsdbEndpoint> candidates, List<string> tried, CancellationToken ct)
    {
        var gossipSettings = settings with { DefaultDeadline = settings.GossipTimeout };
        foreach (var seed in candidates)
        {
            using var client = new EsdbClient(seed, gossipSettings);
            try
            {
                var members = await client.ReadGossipAsync(ct).ConfigureAwait(false);
                var leader = members.FirstOrDefault(m => m.IsAlive && m.State == "Leader");
                if (leader is not null)
                {
                    return (leader.Endpoint, members);
                }
                tried.Add($"{seed}: no live leader among {members.Count} members");
            }
            catch (EventStoreException e)
            {
                tried.Add($"{seed}: gossip {Describe(e)}");
            }
        }
        return null;
    }

    private static TimeSpan Interval(EsdbConnectionString settings, int attempt)
    {
        var interval = settings.DiscoveryInterval * Math.Pow(2, Math.Min(attempt - 1, 16));
        return interval > LongestInterval ? LongestInterval : interval;
    }

    /// <summary>Short, and silent about TLS: during a failover the transport failing is the expected cause.</summary>
    private static string Describe(Exception e) => e switch
    {
        NotLeaderException { Leader: { } leader } => $"is not the leader (named {leader})",
        NotLeaderException => "is not the leader and named none (election?)",
        { InnerException: RpcException { StatusCode: StatusCode.Unavailable } } => "unreachable",
        { InnerException: RpcException { StatusCode: StatusCode.DeadlineExceeded } } => "did not answer in time",
        { InnerException: RpcException rpc } => $"failed ({rpc.StatusCode})",
        _ => e.Message,
    };

    public void Dispose()
    {
        lock (_lock)
        {
            _client.Dispose();
            _reader?.Dispose();
            _retired.ForEach(c => c.Dispose());
        }
    }
}
