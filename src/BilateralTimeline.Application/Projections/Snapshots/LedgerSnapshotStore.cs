using BilateralTimeline.Application.Ports;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Snapshots;

/// <summary>A snapshot row as stored: the checkpoint it was committed under (its revision + 1) and its bytes (null when the row is not even base64).</summary>
public sealed record StoredSnapshot(long Checkpoint, byte[]? Document);

/// <summary>
/// Where each dyad's <see cref="LedgerSnapshot"/> is kept: one checkpointed projection per dyad,
/// <c>ledger-snapshot:STREAM</c>, version <see cref="LedgerSnapshot.Format"/>, one row, in
/// <see cref="IProjectionStore"/> (the event store's own database, or the read-model store named with
/// --projections, which is EventStoreDB's only place). Its checkpoint is the snapshot's revision + 1, so a
/// write is a compare-and-swap: two writers cannot both replace the same snapshot, and the newer one stays.
/// </summary>
public sealed class LedgerSnapshotStore(IProjectionStore rows)
{
    public const string Key = "@view";

    public static string ProjectionName(DyadId dyad) => "ledger-snapshot:" + dyad.StreamName;

    /// <summary>The dyad's snapshot row; null when there is none.</summary>
    public async Task<StoredSnapshot?> ReadAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        var name = ProjectionName(dyad);
        if (await rows.ReadCheckpointAsync(name, LedgerSnapshot.Format, cancellationToken).ConfigureAwait(false) is not { Position: > 0 } checkpoint)
        {
            return null;
        }
        var row = (await rows.ReadRowsByKeysAsync(name, LedgerSnapshot.Format, [Key], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        if (row is null)
        {
            return new StoredSnapshot(checkpoint.Position, null);
        }
        try
        {
            return new StoredSnapshot(checkpoint.Position, Convert.FromBase64String(row.Document));
        }
        catch (FormatException)
        {
            return new StoredSnapshot(checkpoint.Position, null);
        }
    }

    /// <summary>
    /// Stores <paramref name="snapshot"/> if the dyad's snapshot is still the one committed under
    /// <paramref name="expectedCheckpoint"/> (0: none); false when another writer got there first, whose snapshot then stays.
    /// </summary>
    public async Task<bool> WriteAsync(DyadId dyad, LedgerSnapshot snapshot, long expectedCheckpoint, CancellationToken cancellationToken)
    {
        var document = Convert.ToBase64String(snapshot.Encode());
        try
        {
            await rows.CommitAsync(ProjectionName(dyad), LedgerSnapshot.Format, expectedCheckpoint, snapshot.Revision + 1, [new ProjectionRowChange(Key, document)], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ProjectionCheckpointMovedException)
        {
            return false;
        }
    }
}
