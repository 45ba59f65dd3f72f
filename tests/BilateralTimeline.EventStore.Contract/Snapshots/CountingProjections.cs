using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>A read-model store that counts the rows read by key whose key starts with a prefix: how a test sees which stored pieces a query read.</summary>
internal sealed class CountingProjections(IProjectionStore inner, string keyPrefix) : IProjectionStore
{
    private int _read;

    public int Read => Volatile.Read(ref _read);

    public async Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _read, keys.Count(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)));
        return await inner.ReadRowsByKeysAsync(projection, version, keys, cancellationToken);
    }

    public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default) =>
        inner.ReadCheckpointAsync(projection, version, cancellationToken);

    public Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default) =>
        inner.CommitAsync(projection, version, expectedPosition, position, changes, cancellationToken);

    public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default) =>
        inner.ReadRowsAsync(projection, version, afterPosition, cancellationToken);

    public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default) =>
        inner.ReadLiveVersionAsync(projection, cancellationToken);

    public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default) =>
        inner.SwapLiveAsync(projection, expectedLive, version, cancellationToken);

    public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default) =>
        inner.DropVersionAsync(projection, version, cancellationToken);

    public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default) =>
        inner.ListVersionsAsync(projection, cancellationToken);
}
