namespace BilateralTimeline.Application.Ports;

/// <summary>
/// Where checkpointed projections keep their rows, in the event store's own database so that a row
/// change and the checkpoint that explains it commit together. A projection has numbered versions
/// side by side (a rebuild writes version n+1 while n keeps serving); exactly one is live.
/// <para>
/// Contract every adapter keeps (SQLite here, PostgreSQL next):
/// 1. <see cref="CommitAsync"/> is one transaction: the row changes and the checkpoint move together or
///    not at all. It succeeds only if the stored checkpoint of that version still equals
///    <c>expectedPosition</c> (0 when none is stored yet), otherwise it throws
///    <see cref="ProjectionCheckpointMovedException"/> and changes nothing; so two runners of one
///    version cannot both apply an event, and a runner resuming from its checkpoint applies each event once.
/// 2. Every row stores the projection version and the global position of the last event it reflects.
/// 3. <see cref="SwapLiveAsync"/> is a compare-and-swap of the live version number.
/// 4. Reads never block on a running commit (they see the last committed state).
/// </para>
/// </summary>
public interface IProjectionStore
{
    /// <summary>Where a version of a projection has got to; null when it has never committed.</summary>
    Task<ProjectionCheckpoint?> ReadCheckpointAsync(string projection, int version, CancellationToken cancellationToken = default);

    /// <summary>Applies row changes (a null document deletes the row) and moves the checkpoint from <paramref name="expectedPosition"/> to <paramref name="position"/>, atomically.</summary>
    /// <exception cref="ProjectionCheckpointMovedException">The checkpoint is not at <paramref name="expectedPosition"/>.</exception>
    Task CommitAsync(string projection, int version, long expectedPosition, long position, IReadOnlyList<ProjectionRowChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Rows of one version whose last position is after <paramref name="afterPosition"/>, in position order (0: all rows).</summary>
    Task<IReadOnlyList<ProjectionRow>> ReadRowsAsync(string projection, int version, long afterPosition = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of one version with the given keys (keys without a row are left out), read in one
    /// statement so they come from one committed state: what a reader that needs a few rows of a large
    /// projection (the decider index) asks for instead of the whole version.
    /// </summary>
    Task<IReadOnlyList<ProjectionRow>> ReadRowsByKeysAsync(string projection, int version, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>The live version; null when the projection has never been started.</summary>
    Task<int?> ReadLiveVersionAsync(string projection, CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> live if the live version is still <paramref name="expectedLive"/> (null: none yet). False when someone else swapped first.</summary>
    Task<bool> SwapLiveAsync(string projection, int? expectedLive, int version, CancellationToken cancellationToken = default);

    /// <summary>Deletes a version's rows and checkpoint (a replaced version, or a rebuild's leftovers). Never the live one.</summary>
    Task DropVersionAsync(string projection, int version, CancellationToken cancellationToken = default);

    /// <summary>The versions that have a checkpoint, newest last.</summary>
    Task<IReadOnlyList<int>> ListVersionsAsync(string projection, CancellationToken cancellationToken = default);
}

/// <summary>Position: The global position of the last event applied (0: none). Updated: When the checkpoint last moved (store clock).</summary>
public sealed record ProjectionCheckpoint(string Projection, int Version, long Position, DateTimeOffset Updated);

/// <summary>One row of a projection version: a key, its JSON document, and the last event position it reflects.</summary>
public sealed record ProjectionRow(string Key, string Document, int Version, long Position);

/// <summary>Set a row's document, or delete the row when <see cref="Document"/> is null.</summary>
public sealed record ProjectionRowChange(string Key, string? Document);

/// <summary>Another runner moved the checkpoint first; this commit was not applied.</summary>
public sealed class ProjectionCheckpointMovedException(string projection, int version, long expected, long actual)
    : Exception($"projection '{projection}' v{version} checkpoint is at {actual}, not {expected}: another runner is applying it")
{
    public long Actual { get; } = actual;
}
