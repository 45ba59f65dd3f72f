namespace BilateralTimeline.Application.Ports;

/// <summary>What an adapter guarantees beyond the port's contract, registered beside it.</summary>
/// <param name="Name">Shown to users, e.g. "sqlite".</param>
/// <param name="GapFreePositions">Global positions are 1, 2, 3… with no holes (SQLite, PostgreSQL; not EventStoreDB).</param>
public sealed record StoreCapabilities(string Name, bool GapFreePositions);
