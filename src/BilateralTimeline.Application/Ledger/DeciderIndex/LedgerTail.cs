using BilateralTimeline.Application.Ports;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Ledger;

namespace BilateralTimeline.Application.Ledger.DeciderIndex;

/// <summary>An event of a tail, decoded (null: a type this build does not know), with where it lies for error messages.</summary>
public sealed record TailEvent(ILedgerEvent? Event, long Position, string Type);

/// <summary>
/// The events of a stream after a revision whose chain hash someone remembered (an index, an in-process
/// copy). <see cref="Linked"/> is false when the event at that revision is missing or has another hash:
/// the log is not the one remembered, so what was remembered must not be built upon.
/// </summary>
/// <param name="Linked">The remembered revision's event is in the log with the remembered hash.</param>
/// <param name="Events">The events after it, in order.</param>
/// <param name="Revision">The last revision read (the remembered one when nothing follows it).</param>
/// <param name="Hash">The chain hash of the event at <paramref name="Revision"/> (empty: no event yet).</param>
public sealed record LedgerTail(bool Linked, IReadOnlyList<TailEvent> Events, long Revision, ReadOnlyMemory<byte> Hash)
{
    /// <summary>Reads from <paramref name="revision"/> (inclusive, to check its hash) to the end; -1: from the first event.</summary>
    public static async Task<LedgerTail> ReadAsync(IEventStore store, string stream, long revision, ReadOnlyMemory<byte> hash, CancellationToken cancellationToken)
    {
        var events = new List<TailEvent>();
        var last = revision;
        var lastHash = hash;
        var checkedLink = revision < 0;
        await foreach (var recorded in store.ReadStreamAsync(stream, ReadDirection.Forwards, Math.Max(revision, 0), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!checkedLink)
            {
                if (recorded.StreamRevision != revision || !recorded.Hash.Span.SequenceEqual(hash.Span))
                {
                    return new LedgerTail(false, [], revision, hash);
                }
                checkedLink = true;
                continue;
            }
            events.Add(new TailEvent(EventSerializer.Deserialize(recorded), recorded.GlobalPosition, recorded.Type));
            last = recorded.StreamRevision;
            lastHash = recorded.Hash;
        }
        return checkedLink ? new LedgerTail(true, events, last, lastHash) : new LedgerTail(false, [], revision, hash);
    }

    /// <summary>The whole stream folded, streaming (nothing kept but the state), with the revision and hash it reflects.</summary>
    public static async Task<(LedgerState State, long Revision, ReadOnlyMemory<byte> Hash)> FoldAllAsync(IEventStore store, string stream, CancellationToken cancellationToken)
    {
        var state = LedgerState.Empty;
        var revision = -1L;
        ReadOnlyMemory<byte> hash = default;
        await foreach (var recorded in store.ReadStreamAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            revision = recorded.StreamRevision;
            hash = recorded.Hash;
            state = Evolve(state, EventSerializer.Deserialize(recorded), recorded.GlobalPosition, recorded.Type);
        }
        return (state, revision, hash);
    }

    /// <summary><paramref name="state"/> after this tail's events.</summary>
    public LedgerState FoldOnto(LedgerState state)
    {
        foreach (var e in Events)
        {
            state = Evolve(state, e.Event, e.Position, e.Type);
        }
        return state;
    }

    private static LedgerState Evolve(LedgerState state, ILedgerEvent? e, long position, string type)
    {
        if (e is null)
        {
            return state;
        }
        try
        {
            return LedgerState.Evolve(state, e);
        }
        catch (Exception x) when (FoldFailure.IsFoldFailure(x))
        {
            throw FoldFailure.At(position, type, x);
        }
    }
}
