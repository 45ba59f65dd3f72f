using BilateralTimeline.Application.Integrity;

namespace BilateralTimeline.Application.Ports;

/// <summary>What an adapter guarantees beyond the port's contract, registered beside it.</summary>
/// <param name="Name">Shown to users, e.g. "sqlite".</param>
/// <param name="GapFreePositions">Global positions are 1, 2, 3… with no holes (SQLite, PostgreSQL; not EventStoreDB).</param>
/// <param name="Chain">How the adapter links hashes, and so how <see cref="ChainVerifier"/> re-walks them.</param>
public sealed record StoreCapabilities(string Name, bool GapFreePositions, HashChainScope Chain = HashChainScope.Log);

/// <summary>What an event's hash links to.</summary>
public enum HashChainScope
{
    /// <summary>The previous event in the whole log: possible where appends are serialised (SQLite, PostgreSQL).</summary>
    Log,

    /// <summary>
    /// The previous event of the same stream, guarded by the expected revision: for stores that commit
    /// appends to different streams concurrently (EventStoreDB), where the log's predecessor is unknown
    /// until commit. The verifier adds a digest over the whole log in its order.
    /// </summary>
    Stream,
}
