using BilateralTimeline.Application.Ports;

namespace BilateralTimeline.EventStore.Contract.Snapshots;

/// <summary>
/// A read-model store apart from the log, for the adapters that have no tables of their own (EventStoreDB,
/// the in-memory store), as an EventStoreDB user names one with --projections. Keeps the checkpoint
/// compare-and-swap of the <see cref="IProjectionStore"/> contract; one lock for everything.
/// </summary>
public sealed class InMemoryProjectionStore : IProjectionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Projection, int Version), long> _checkpoints = [];
    private readonly Dictionary<(string Projection, int Version), SortedDictionary<string, (string Document, long Position)>> _rows = [];
    private readonly Dictionary<string, int> _live = [];

    public Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.TryGetValue((projection, version), out var position) ? new ProjectionCheckpoint(projection, version, position, DateTimeOffset.UnixEpoch) : null);
        }
    }

    public Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var actual = _checkpoints.GetValueOrDefault((projection, version));
            if (actual != expectedPosition)
            {
                throw new ProjectionCheckpointMovedException(projection, version, expectedPosition, actual);
            }
            var rows = Rows(projection, version);
            foreach (var change in changes)
            {
                if (change.Document is { } document)
                {
                    rows[change.Key] = (document, position);
                }
                else
                {
                    rows.Remove(change.Key);
                }
            }
            _checkpoints[(projection, version)] = position;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<ProjectionRow> rows = [.. Rows(projection, version).Where(r => r.Value.Position > afterPosition).OrderBy(r => r.Value.Position).Select(r => new ProjectionRow(r.Key, r.Value.Document, version, r.Value.Position))];
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var rows = Rows(projection, version);
            IReadOnlyList<ProjectionRow> found = [.. keys.Where(rows.ContainsKey).Select(k => new ProjectionRow(k, rows[k].Document, version, rows[k].Position))];
            return Task.FromResult(found);
        }
    }

    public Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_live.TryGetValue(projection, out var version) ? (int?)version : null);
        }
    }

    public Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if ((_live.TryGetValue(projection, out var live) ? (int?)live : null) != expectedLive)
            {
                return Task.FromResult(false);
            }
            _live[projection] = version;
            return Task.FromResult(true);
        }
    }

    public Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _checkpoints.Remove((projection, version));
            _rows.Remove((projection, version));
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<int> versions = [.. _checkpoints.Keys.Where(k => k.Projection == projection).Select(k => k.Version).Order()];
            return Task.FromResult(versions);
        }
    }

    private SortedDictionary<string, (string Document, long Position)> Rows(string projection, int version)
    {
        if (!_rows.TryGetValue((projection, version), out var rows))
        {
            _rows[(projection, version)] = rows = new SortedDictionary<string, (string, long)>(StringComparer.Ordinal);
        }
        return rows;
    }
}
