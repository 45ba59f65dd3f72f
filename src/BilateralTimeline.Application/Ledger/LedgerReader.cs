using System.Runtime.CompilerServices;
using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger;

/// <summary>Reads a dyad's ledger stream as domain events with their envelopes.</summary>
public static class LedgerReader
{
    public static async IAsyncEnumerable<LedgerEnvelope> ReadAsync(IEventStore store, DyadId dyad, DateTimeOffset? knownAt = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (knownAt is { } t && recorded.Recorded > t)
            {
                yield break;
            }
            if (ToEnvelope(recorded) is { } envelope)
            {
                yield return envelope;
            }
        }
    }

    public static LedgerEnvelope? ToEnvelope(RecordedEvent recorded) =>
        EventSerializer.Deserialize(recorded) is { } e
            ? new LedgerEnvelope(e, recorded.GlobalPosition, recorded.StreamRevision, recorded.EventId, recorded.Recorded, recorded.Metadata.RecordedBy)
            : null;

    /// <summary>The decider's state and the stream revision it reflects (-1: no stream yet).</summary>
    public static Task<(LedgerState State, long Revision)> LoadStateAsync(IEventStore store, DyadId dyad, CancellationToken cancellationToken) =>
        CatchUpAsync(store, dyad, LedgerState.Empty, -1, cancellationToken);

    /// <summary>
    /// The decider's state after the events appended since <paramref name="revision"/>, and the revision
    /// it now reflects: what a writer that lost a race needs to decide again, without re-reading history.
    /// </summary>
    public static async Task<(LedgerState State, long Revision)> CatchUpAsync(IEventStore store, DyadId dyad, LedgerState state, long revision, CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadStreamAsync(dyad.StreamName, ReadDirection.Forwards, revision + 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Events this build does not know still count for the revision we must append after.
            revision = recorded.StreamRevision;
            if (EventSerializer.Deserialize(recorded) is { } e)
            {
                try
                {
                    state = LedgerState.Evolve(state, e);
                }
                catch (Exception x) when (FoldFailure.IsFoldFailure(x))
                {
                    throw FoldFailure.At(recorded.GlobalPosition, recorded.Type, x);
                }
            }
        }
        return (state, revision);
    }

    /// <summary>
    /// The dyad a command means when the user names none: the one most recently written to.
    /// Null when the store holds no dyad yet.
    /// </summary>
    /// <remarks>
    /// Read newest first in small pages, each a bounded query (SQL LIMIT, a gRPC count): an unbounded
    /// backwards read makes PostgreSQL send the whole log even when the first row answers (3.7 s at
    /// 1M events). The cost is the number of newer non-dyad events, usually none.
    /// </remarks>
    public static async Task<DyadId?> MostRecentDyadAsync(IEventStore store, CancellationToken cancellationToken)
    {
        var from = long.MaxValue;
        long? resumedAt = null;
        while (true)
        {
            var read = 0;
            long last = -1;
            // A page resumes at the previous page's last position (inclusive), as EventStoreDB accepts only
            // positions where an event begins, so that one event comes again and is skipped.
            await foreach (var e in store.ReadAllAsync(from, ReadDirection.Backwards, MostRecentDyadPage + (resumedAt is null ? 0 : 1), cancellationToken).ConfigureAwait(false))
            {
                if (e.GlobalPosition == resumedAt)
                {
                    continue;
                }
                read++;
                last = e.GlobalPosition;
                if (DyadId.TryFromStreamName(e.Stream, out var dyad))
                {
                    return dyad;
                }
            }
            if (read < MostRecentDyadPage)
            {
                return null;
            }
            from = last;
            resumedAt = last;
        }
    }

    /// <summary>How many events one query of <see cref="MostRecentDyadAsync"/> asks for.</summary>
    public const int MostRecentDyadPage = 64;
}
