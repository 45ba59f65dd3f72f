using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Projections.Snapshots;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Projections.Views;

/// <summary>
/// The views of a one-shot process (the CLI) on a large dyad: the fold starts from the dyad's persisted
/// <see cref="LedgerSnapshot"/> and reads only the events after it, so a cold query no longer re-folds
/// the history. A snapshot is used only when every event it folded was recorded by the known-at asked
/// about, and when the log still holds, at its revision, the event whose chain hash it names; otherwise
/// the stream is folded from the start (a snapshot that does not match the log, or whose bytes are
/// damaged, is then replaced, never trusted). After a fold whose tail was long, the process leaves a
/// newer snapshot for the next one.
/// </summary>
public sealed class SnapshotViews(IEventStore store, LedgerSnapshotStore snapshots, int smallestDyad, int writeAfter) : ILedgerViews
{
    /// <summary>Below this many events a dyad is folded whole and its snapshot row never touched: folding it costs less than the row.</summary>
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
        var stored = await snapshots.ReadAsync(dyad, cancellationToken).ConfigureAwait(false);
        var (start, untrusted) = await StartAsync(dyad, stored, knownAt, cancellationToken).ConfigureAwait(false);
        var builder = (start?.View ?? LedgerView.Create()).ToBuilder();
        var revision = start?.Revision ?? -1;
        var hash = start?.Hash ?? ReadOnlyMemory<byte>.Empty;
        var recordedUpTo = start?.RecordedUpTo ?? DateTimeOffset.MinValue;
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
            hash = recorded.Hash.ToArray();
            recordedUpTo = recorded.Recorded > recordedUpTo ? recorded.Recorded : recordedUpTo;
            tail++;
        }
        var view = builder.ToImmutable();
        // Keep the newest: a fold that stopped at an earlier known-at does not replace a later snapshot, unless that one is not to be trusted.
        if (revision >= 0 && (untrusted || tail >= writeAfter) && (untrusted || stored is null || revision + 1 > stored.Checkpoint))
        {
            await LeaveAsync(dyad, new LedgerSnapshot(revision, hash, recordedUpTo, view), stored?.Checkpoint ?? 0, cancellationToken).ConfigureAwait(false);
        }
        return view;
    }

    /// <summary>The snapshot to start from (null: the stream's start), and whether the stored one must be replaced because it does not match the log.</summary>
    private async Task<(LedgerSnapshot? Start, bool Untrusted)> StartAsync(DyadId dyad, StoredSnapshot? stored, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            return (null, false);
        }
        if (stored.Document is not { } document)
        {
            return (null, true);
        }
        try
        {
            var (revision, hash, recordedUpTo, bodyAt) = LedgerSnapshot.ReadHeader(document);
            if (revision + 1 != stored.Checkpoint)
            {
                return (null, true);
            }
            if (knownAt is { } t && recordedUpTo > t)
            {
                // Folded events the ledger known at t did not hold yet: right for later questions, not for this one.
                return (null, false);
            }
            if (!await MatchesLogAsync(dyad, revision, hash, cancellationToken).ConfigureAwait(false))
            {
                return (null, true);
            }
            return (new LedgerSnapshot(revision, hash, recordedUpTo, LedgerSnapshot.ReadView(document, bodyAt)), false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or OverflowException or FormatException)
        {
            return (null, true);
        }
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

    private async Task LeaveAsync(DyadId dyad, LedgerSnapshot snapshot, long expectedCheckpoint, CancellationToken cancellationToken)
    {
        try
        {
            await snapshots.WriteAsync(dyad, snapshot, expectedCheckpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The answer is already folded from the log; a snapshot that cannot be stored (a read-only file,
            // a busy database) only means the next process folds this tail again.
        }
    }
}
