using System.Collections.Immutable;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

/// <summary>A change to a claim after it was recorded, with the event that made it.</summary>
public sealed record ClaimChange(string What, string Reason, long Position, Guid EventId, DateTimeOffset Recorded, string RecordedBy);

/// <summary>A claim as we understand it now: its record plus every later change.</summary>
public sealed record ClaimView(
    ClaimRecorded Claim,
    long Position,
    Guid EventId,
    DateTimeOffset Recorded,
    string RecordedBy,
    Confidence Confidence,
    bool Retracted,
    string? OccurrenceId,
    ImmutableList<ClaimChange> Changes,
    ImmutableList<string> CorroboratedBy,
    ImmutableList<string> ContradictedBy,
    string? SupersededBy,
    UncertainTime Occurred)
{
    /// <summary>Still believed: neither retracted nor replaced by a newer claim.</summary>
    public bool IsLive => !Retracted && SupersededBy is null;
}

/// <summary>The event that opened or settled a disagreement.</summary>
public sealed record EventRef(long Position, Guid EventId, DateTimeOffset Recorded, string RecordedBy)
{
    internal static EventRef Of(LedgerEnvelope envelope) => new(envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy);
}

/// <summary>How a disagreement was settled: which reading holds, why, and by which event.</summary>
public sealed record ContradictionResolution(string Resolution, string Reason, EventRef Event);

/// <summary>
/// Two claims marked as disagreeing on a field, from the event that opened it to the one that
/// resolved it (null while open). The same pair may disagree again after a resolution: a new record.
/// </summary>
public sealed record ContradictionRecord(string ClaimId, string OtherClaimId, string Field, string Reason, EventRef Opened, ContradictionResolution? Resolved)
{
    public bool IsOpen => Resolved is null;

    internal bool Concerns(string claimId, string otherClaimId, string field) =>
        string.Equals(Field, field, StringComparison.Ordinal)
        && ((ClaimId == claimId && OtherClaimId == otherClaimId) || (ClaimId == otherClaimId && OtherClaimId == claimId));
}

public sealed record SourceView(SourceRegistered Source, long Position, Guid EventId, DateTimeOffset Recorded);

public sealed record OccurrenceView(OccurrenceIdentified Occurrence, long Position, Guid EventId);

/// <summary>
/// The ledger of one dyad folded from its events: the common ground of the timeline, state and
/// audit projections. A pure fold: Create, then Apply for each event in order.
/// </summary>
public sealed record LedgerView(
    ImmutableDictionary<string, SourceView> Sources,
    ImmutableDictionary<string, ClaimView> Claims,
    ImmutableDictionary<string, OccurrenceView> Occurrences,
    long LastPosition,
    long EventCount,
    ImmutableList<ContradictionRecord> Contradictions)
{
    public static LedgerView Create() => new(
        ImmutableDictionary<string, SourceView>.Empty,
        ImmutableDictionary<string, ClaimView>.Empty,
        ImmutableDictionary<string, OccurrenceView>.Empty,
        0,
        0,
        []);

    /// <summary>The pure fold step: a new view with the event applied; <paramref name="view"/> is unchanged.</summary>
    public static LedgerView Apply(LedgerView view, LedgerEnvelope envelope) => view.ToBuilder().Apply(envelope).ToImmutable();

    public Builder ToBuilder() => new(this);

    /// <summary>
    /// The fold's one implementation, applied in place to builders of the immutable maps. A replay
    /// folds thousands of events into one builder and freezes it once, instead of allocating a new
    /// persistent map per event; <see cref="LedgerView.Apply(LedgerView, LedgerEnvelope)"/> is the same step on one event.
    /// </summary>
    public sealed class Builder
    {
        private readonly ImmutableDictionary<string, SourceView>.Builder _sources;
        private readonly ImmutableDictionary<string, ClaimView>.Builder _claims;
        private readonly ImmutableDictionary<string, OccurrenceView>.Builder _occurrences;
        private readonly ImmutableList<ContradictionRecord>.Builder _contradictions;
        private long _lastPosition;
        private long _eventCount;

        internal Builder(LedgerView view)
        {
            _sources = view.Sources.ToBuilder();
            _claims = view.Claims.ToBuilder();
            _occurrences = view.Occurrences.ToBuilder();
            _contradictions = view.Contradictions.ToBuilder();
            _lastPosition = view.LastPosition;
            _eventCount = view.EventCount;
        }

        public Builder Apply(LedgerEnvelope envelope)
        {
            _lastPosition = envelope.Position;
            _eventCount++;
            switch (envelope.Event)
            {
                case SourceRegistered e:
                    _sources[e.SourceId] = new SourceView(e, envelope.Position, envelope.EventId, envelope.Recorded);
                    break;
                case OccurrenceIdentified e:
                    _occurrences[e.OccurrenceId] = new OccurrenceView(e, envelope.Position, envelope.EventId);
                    break;
                case ClaimRecorded e:
                    _claims[e.ClaimId] = new ClaimView(e, envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy, e.Confidence, false, null, [], [], [], null, e.Occurred);
                    break;
                case ClaimLinked e:
                    Update(e.ClaimId, c => c with { OccurrenceId = e.OccurrenceId }, Change($"linked to occurrence {e.OccurrenceId}", e.Reason, envelope));
                    break;
                case ClaimRetracted e:
                    Update(e.ClaimId, c => c with { Retracted = true }, Change("retracted", e.Reason, envelope));
                    break;
                case ConfidenceRevised e:
                    Update(e.ClaimId, c => c with { Confidence = e.Revised }, Change($"confidence {e.Previous.Grade} → {e.Revised.Grade}", e.Reason, envelope));
                    break;
                case ClaimsCorroborated e:
                    Update(e.ClaimId, c => c with { CorroboratedBy = c.CorroboratedBy.Add(e.OtherClaimId) }, Change($"corroborated by {e.OtherClaimId}", e.Reason, envelope));
                    Update(e.OtherClaimId, c => c with { CorroboratedBy = c.CorroboratedBy.Add(e.ClaimId) }, Change($"corroborated by {e.ClaimId}", e.Reason, envelope));
                    break;
                case ClaimUnlinked e:
                    Update(e.ClaimId, c => c with { OccurrenceId = null }, Change($"unlinked from occurrence {e.OccurrenceId}", e.Reason, envelope));
                    break;
                case ClaimSuperseded e:
                    Update(e.ClaimId, c => c with { SupersededBy = e.SupersededBy }, Change($"superseded by {e.SupersededBy}", e.Reason, envelope));
                    break;
                case ClaimRedated e:
                    Update(e.ClaimId, c => c with { Occurred = e.Occurred }, Change($"re-dated {e.Previous} → {e.Occurred}", e.Reason, envelope));
                    break;
                case ContradictionResolved e:
                    Update(e.ClaimId, c => c with { ContradictedBy = c.ContradictedBy.Remove(e.OtherClaimId) }, Change($"contradiction with {e.OtherClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    Update(e.OtherClaimId, c => c with { ContradictedBy = c.ContradictedBy.Remove(e.ClaimId) }, Change($"contradiction with {e.ClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    Resolve(e, envelope);
                    break;
                case ClaimsContradicted e:
                    Update(e.ClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.OtherClaimId) }, Change($"contradicted by {e.OtherClaimId} on {e.Field}", e.Reason, envelope));
                    Update(e.OtherClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.ClaimId) }, Change($"contradicted by {e.ClaimId} on {e.Field}", e.Reason, envelope));
                    _contradictions.Add(new ContradictionRecord(e.ClaimId, e.OtherClaimId, e.Field, e.Reason, EventRef.Of(envelope), null));
                    break;
            }
            return this;
        }

        public LedgerView ToImmutable() => new(_sources.ToImmutable(), _claims.ToImmutable(), _occurrences.ToImmutable(), _lastPosition, _eventCount, _contradictions.ToImmutable());

        private void Resolve(ContradictionResolved e, LedgerEnvelope envelope)
        {
            var index = _contradictions.FindLastIndex(c => c.IsOpen && c.Concerns(e.ClaimId, e.OtherClaimId, e.Field));
            if (index >= 0)
            {
                _contradictions[index] = _contradictions[index] with { Resolved = new ContradictionResolution(e.Resolution, e.Reason, EventRef.Of(envelope)) };
            }
        }

        private void Update(string claimId, Func<ClaimView, ClaimView> change, ClaimChange record)
        {
            if (_claims.TryGetValue(claimId, out var claim))
            {
                _claims[claimId] = change(claim) with { Changes = claim.Changes.Add(record) };
            }
        }

        private static ClaimChange Change(string what, string reason, LedgerEnvelope envelope) =>
            new(what, reason, envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy);
    }

    /// <summary>Folds a dyad's ledger as it was known at <paramref name="knownAt"/> (null: now).</summary>
    public static async Task<LedgerView> LoadAsync(Ports.IEventStore store, Domain.Ledger.DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var builder = Create().ToBuilder();
        await foreach (var envelope in LedgerReader.ReadAsync(store, dyad, knownAt, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                builder.Apply(envelope);
            }
            catch (Exception e) when (FoldFailure.IsFoldFailure(e))
            {
                throw FoldFailure.At(envelope.Position, Serialization.EventTypes.NameOf(envelope.Event), e);
            }
        }
        return builder.ToImmutable();
    }
}
