using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Sqlite;

/// <summary>
/// A projection store opened on first use: opening SQLite's creates its tables, which a command that only
/// reads the log (bt state, bt timeline) must not do to the user's file.
/// </summary>
public sealed class LazyProjectionStore(Func<IProjectionStore> open) : IProjectionStore
{
    private readonly Lazy<IProjectionStore> _store = new(open);

    private IProjectionStore Store => _store.Value;

    public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) => Store.ReadCheckpointAsync(projection, version, cancellationToken);

    public Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default) =>
        Store.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);

    public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) => Store.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

    public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => Store.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);

    public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) => Store.ReadLiveVersionAsync(projection, cancellationToken);

    public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) => Store.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

    public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) => Store.DropVersionAsync(projection, version, cancellationToken);

    public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) => Store.ListVersionsAsync(projection, cancellationToken);
}
