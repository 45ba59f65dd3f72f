using System.Collections.Immutable;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Projections;

public sealed partial record LedgerView
{
    /// <summary>
    /// The fold as first written, on builders of the immutable maps: every change makes a new
    /// <see cref="ClaimView"/> and grows persistent lists. Slow for a replay (it allocates a graph per
    /// event), so <see cref="Builder"/> does the work; this stays as the plain statement of what the fold
    /// means, behind <see cref="LedgerView.Apply"/>, and the property tests hold the two equal.
    /// </summary>
    private sealed class ImmutableStep
    {
        private readonly ImmutableDictionary<string, SourceView>.Builder _sources;
        private readonly ImmutableDictionary<string, ClaimView>.Builder _claims;
        private readonly ImmutableDictionary<string, OccurrenceView>.Builder _occurrences;
        private readonly ImmutableList<ContradictionRecord>.Builder _contradictions;
        private Domain.Actors.ActorRegistry _actors;
        private long _lastPosition;
        private long _eventCount;

        internal ImmutableStep(LedgerView view)
        {
            _actors = view.Actors;
            _sources = view.Sources.ToBuilder();
            _claims = view.Claims.ToBuilder();
            _occurrences = view.Occurrences.ToBuilder();
            _contradictions = view.Contradictions.ToBuilder();
            _lastPosition = view.LastPosition;
            _eventCount = view.EventCount;
        }

        public ImmutableStep Apply(LedgerEnvelope envelope)
        {
            _lastPosition = envelope.Position;
            _eventCount++;
            switch (envelope.Event)
            {
                case Domain.Actors.ActorIdentified or Domain.Actors.ActorAliasAdded or Domain.Actors.ActorsMerged or Domain.Actors.ActorsUnmerged:
                    _actors = _actors.Evolve(envelope.Event);
                    break;
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
                    var redatedFrom = _claims.TryGetValue(e.ClaimId, out var redated) ? redated.Occurred : null;
                    Update(e.ClaimId, c => c with { Occurred = e.Occurred }, Change($"re-dated {e.Previous} → {e.Occurred}", e.Reason, envelope));
                    if (redatedFrom is not null)
                    {
                        ClaimAnchors.Cascade(e.ClaimId, redatedFrom, e.Occurred, _ => _claims.Values.Select(c => (c.Claim.ClaimId, c.Occurred)).ToList(), (id, from, to, anchor) =>
                            Update(id, c => c with { Occurred = to }, Change(ClaimAnchors.Describe(anchor, from, to), e.Reason, envelope)));
                    }
                    break;
                case ContradictionResolved e:
                    Update(e.ClaimId, c => c with { ContradictedBy = c.ContradictedBy.Remove(e.OtherClaimId) }, Change($"contradiction with {e.OtherClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    Update(e.OtherClaimId, c => c with { ContradictedBy = c.ContradictedBy.Remove(e.ClaimId) }, Change($"contradiction with {e.ClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    Resolve(e, envelope);
                    break;
                case ClaimsContradicted e:
                    Update(e.ClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.OtherClaimId) }, Change($"contradicted by {e.OtherClaimId} on {e.Field}", e.Reason, envelope));
                    Update(e.OtherClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.ClaimId) }, Change($"contradicted by {e.ClaimId} on {e.Field}", e.Reason, envelope));
                    _contradictions.Add(ContradictionRecord.Of(e, EventRef.Of(envelope)));
                    break;
            }
            return this;
        }

        public LedgerView ToImmutable() => new(_sources.ToImmutable(), _claims.ToImmutable(), _occurrences.ToImmutable(), _lastPosition, _eventCount, _contradictions.ToImmutable()) { Actors = _actors };

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
}
