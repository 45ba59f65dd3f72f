using BilateralTimeline.Application.Integrity;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// Implemented by stores that keep a head record beside the log, moved in the same transaction as every
/// append (SQLite, PostgreSQL). EventStoreDB has none: its chains are per stream (see docs/security.md).
/// </summary>
public interface IRecordsChainHead
{
    /// <summary>The head record and the last event, from one consistent snapshot.</summary>
    Task<HeadSnapshot> ReadHeadAsync(CancellationToken cancellationToken = default);
}
