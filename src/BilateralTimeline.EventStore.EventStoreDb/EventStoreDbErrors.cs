using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.EventStoreDb;

/// <summary>
/// The stream was tombstoned (hard-deleted) on the server: it can never be read or written again.
/// Our port never deletes, so this means someone deleted it with another EventStoreDB client.
/// </summary>
public sealed class StreamDeletedException(string stream, string endpoint)
    : EventStoreException($"stream '{stream}' was deleted permanently (tombstoned) on EventStoreDB at {endpoint}; it cannot be read or appended to again. Restore it from a copy (bt copy) under a new store, or ask who deleted it")
{
    public string Stream { get; } = stream;

    public string Endpoint { get; } = endpoint;
}

/// <summary>The node answered that it is not the cluster's leader, and the leader it named (if any).</summary>
public sealed class NotLeaderException(string endpoint, EsdbEndpoint? leader)
    : EventStoreException($"EventStoreDB at {endpoint} is not the cluster leader{(leader is null ? "; list every node in the connection string so the leader can be found" : $"; the leader is {leader}")}")
{
    public string Endpoint { get; } = endpoint;

    public EsdbEndpoint? Leader { get; } = leader;
}

/// <summary>The server refused the credentials, or they lack the rights for the call.</summary>
public sealed class EventStoreAccessDeniedException(string endpoint, string detail)
    : EventStoreException($"EventStoreDB at {endpoint} refused access ({detail}); check user:password in the connection string and the user's stream ACLs");

/// <summary>
/// The server refused a $all position that is not where an event begins ("Unexpected ReadAllResult:
/// InvalidPosition"). The store answers such positions itself ("the first event after it"), so this
/// reaches a caller only from the raw client.
/// </summary>
public sealed class InvalidPositionException(string endpoint, string detail)
    : EventStoreException($"EventStoreDB at {endpoint} refused a log position that is no event's position ({detail})")
{
    public string Endpoint { get; } = endpoint;
}
