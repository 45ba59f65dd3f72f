using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// The views of a one-shot process (the CLI) on a large dyad: the fold starts from a persisted
/// <see cref="LedgerSnapshot"/> of the dyad and reads only the events after it, so a cold query no
/// longer re-folds the history. The snapshot chosen is the latest whose events were all recorded by the
/// known-at asked about, and it is used only when the log still holds, at its revision, the event whose
/// chain hash it names, and its bytes are whole; otherwise the stream is folded from the start and the
/// stored snapshots are replaced, never trusted. A fold whose tail was long leaves a snapshot of its own
/// for the next process.
/// </summary>
public sealed class SnapshotViews(IEventStore store, LedgerSnapshotStore snapshots, int smallestDyad, int writeAfter) : ILedgerViews
{
    /// <summary>Below this many events a dyad is folded whole and its snapshot rows never touched: folding it costs less than reading them.</summary>
    public const int DefaultSmallestDyad = 2048;

    /// <summary>A fold that read at least this many events after its snapshot (or without one) leaves a new snapshot.</summary>
    public const int DefaultWriteAfter = 1024;

    public SnapshotViews(IEventStore store, IProjectionStore projections)
        : this(store, new LedgerSnapshotStore(projections), DefaultSmallestDyad, DefaultWriteAfter)
    {
    }

    public async Task<LedgerView> AtAsync(DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (smallestDyad > 0 && await LastRevisionAsync(dyad, cancellationToken).ConfigureAwait(false) < smallestDyad - 1)
        {
            return await LedgerView.LoadAsync(store, dyad, knownAt, cancellationToken).ConfigureAwait(false);
        }
        var set = await snapshots.ReadSetAsync(dyad, cancellationToken).ConfigureAwait(false);
        var (start, untrusted) = await StartAsync(dyad, set.For(knownAt), cancellationToken).ConfigureAwait(false);
        var builder = (start?.View ?? LedgerView.Create()).ToBuilder();
        var revision = start?.Revision ?? -1;
        var recordedUpTo = start?.RecordedUpTo ?? DateTimeOffset.MinValue;
        RecordedEvent? last = null;
        var tail = 0;
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, revision + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // As LedgerReader.ReadAsync: the first event recorded after knownAt ends the ledger as then known.
            if (knownAt is { } t && recorded.Recorded > t)
            {
                break;
            }
            if (LedgerReader.ToEnvelope(recorded) is { } envelope)
            {
                try
                {
                    builder.Apply(envelope);
                }
                catch (Exception e) when (FoldFailure.IsFoldFailure(e))
                {
                    throw FoldFailure.At(envelope.Position, EventTypes.NameOf(envelope.Event), e);
                }
            }
            revision = recorded.StreamRevision;
            last = recorded;
            recordedUpTo = recorded.Recorded > recordedUpTo ? recorded.Recorded : recordedUpTo;
            tail++;
        }
        var view = builder.ToImmutable();
        // Only the last event's hash is kept, so it is copied once, not for every event of the tail.
        var hash = last is null ? start?.Hash ?? ReadOnlyMemory<byte>.Empty : last.Hash.ToArray();
        var replace = untrusted || set.Damaged;
        if (revision >= 0 && (replace || (tail >= writeAfter && set.Entries.All(e => e.Revision != revision))))
        {
            await LeaveAsync(dyad, set, new LedgerSnapshot(revision, hash, recordedUpTo, view), replace, cancellationToken).ConfigureAwait(false);
        }
        return view;
    }

    /// <summary>The snapshot to start from (null: the stream's start), and whether the stored ones must be replaced because it does not match the log.</summary>
    private async Task<(LedgerSnapshot? Start, bool Untrusted)> StartAsync(DyadId dyad, SnapshotEntry? entry, CancellationToken cancellationToken)
    {
        if (entry is null)
        {
            return (null, false);
        }
        if (!await MatchesLogAsync(dyad, entry.Revision, entry.Hash, cancellationToken).ConfigureAwait(false)
            || await snapshots.ReadMatchingAsync(dyad, entry.Revision, entry.Hash, entry.RecordedUpTo, cancellationToken).ConfigureAwait(false) is not { } start)
        {
            return (null, true);
        }
        return (start, false);
    }

    private async Task<bool> MatchesLogAsync(DyadId dyad, long revision, byte[] hash, CancellationToken cancellationToken)
    {
        await foreach (var at in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, revision, 1, cancellationToken).ConfigureAwait(false))
        {
            return at.StreamRevision == revision && at.Hash.Span.SequenceEqual(hash);
        }
        return false;
    }

    private async Task<long> LastRevisionAsync(DyadId dyad, CancellationToken cancellationToken)
    {
        await foreach (var last in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Backwards, long.MaxValue, 1, cancellationToken).ConfigureAwait(false))
        {
            return last.StreamRevision;
        }
        return -1;
    }

    private async Task LeaveAsync(DyadId dyad, SnapshotSet seen, LedgerSnapshot snapshot, bool replaceAll, CancellationToken cancellationToken)
    {
        try
        {
            await snapshots.WriteAsync(dyad, seen, snapshot, replaceAll, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer is already folded from the log; a snapshot that cannot be stored (a read-only file,
            // a busy database) only means the next process folds this tail again.
        }
    }
}
