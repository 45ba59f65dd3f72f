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
    public static async Task<DyadId?> MostRecentDyadAsync(IEventStore store, CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadAllAsync(long.MaxValue, ReadDirection.Backwards, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (DyadId.TryFromStreamName(e.Stream, out var dyad))
            {
                return dyad;
            }
        }
        return null;
    }
}
