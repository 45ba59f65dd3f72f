namespace BilateralTimeline.Application.Ports;

/// <summary>
/// The log is not as bt wrote it: its head link is broken, or an event does not fit the ledger before
/// it. Nothing is answered or appended on top of it; <c>bt verify</c> finds where the chain breaks.
/// </summary>
public sealed class DamagedLogException(long position, string message, Exception? inner = null) : EventStoreException(message, inner)
{
    /// <summary>The first position found wrong.</summary>
    public long Position { get; } = position;

    /// <summary>For a store whose head link does not hold: what a refused read or append says.</summary>
    public static DamagedLogException BrokenHead(long position, string problem, string refused) =>
        new(position, $"the hash chain is broken at position {position}: {problem}; {refused}; verify the log's hash chain and restore the store from a backup");
}
