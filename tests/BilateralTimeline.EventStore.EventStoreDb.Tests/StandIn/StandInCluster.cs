namespace BilateralTimeline.EventStore.EventStoreDb.Tests.StandIn;

/// <summary>
/// Stand-in nodes over one shared log, each answering gossip with the same view: one leader, the others
/// its followers (they answer stream calls with not-leader naming it). The test can kill the leader
/// (it stops answering, its open subscriptions are cut, gossip shows it dead and another leading) and
/// hold an election (no node leads or names a leader until it ends).
/// </summary>
public sealed class StandInCluster : IAsyncDisposable
{
    private readonly List<StandInEventStoreDb> _nodes;
    private volatile int _leader;
    private volatile bool _electing;

    private StandInCluster(List<StandInEventStoreDb> nodes) => _nodes = nodes;

    public IReadOnlyList<StandInEventStoreDb> Nodes => _nodes;

    public StandInEventStoreDb Leader => _nodes[_leader];

    /// <summary>Every node as a gossip seed, with the default discovery options.</summary>
    public string ConnectionString => $"esdb://{string.Join(',', _nodes.Select(n => n.Endpoint))}?tls=false";

    public static async Task<StandInCluster> StartAsync(int size = 3)
    {
        var first = await StandInEventStoreDb.StartAsync();
        var nodes = new List<StandInEventStoreDb> { first };
        for (var i = 1; i < size; i++)
        {
            nodes.Add(await first.StartPeerAsync());
        }
        var cluster = new StandInCluster(nodes);
        foreach (var node in nodes)
        {
            node.Gossip = cluster.Members;
        }
        cluster.AssignRoles();
        return cluster;
    }

    /// <summary>kill -9 of the leader; <paramref name="next"/> (index) leads at once, or after <see cref="EndElection"/> when null.</summary>
    public void KillLeader(int? next)
    {
        Leader.Kill();
        if (next is { } index)
        {
            _leader = index;
            AssignRoles();
        }
        else
        {
            BeginElection();
        }
    }

    public void BeginElection()
    {
        _electing = true;
        AssignRoles();
    }

    public void EndElection(int leader)
    {
        _leader = leader;
        _electing = false;
        AssignRoles();
    }

    private void AssignRoles()
    {
        foreach (var node in _nodes)
        {
            node.Electing = _electing;
            node.FollowerOf = node == Leader ? null : Leader.Endpoint;
        }
    }

    private IReadOnlyList<(EsdbEndpoint Endpoint, string State, bool IsAlive)> Members() =>
        _nodes.Select(n => (n.Endpoint, _electing ? "PreReplica" : n == Leader ? "Leader" : "Follower", !n.Stopped)).ToArray();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
