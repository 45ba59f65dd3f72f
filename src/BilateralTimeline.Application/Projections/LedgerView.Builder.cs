using System.Collections.Immutable;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Projections;

public sealed partial record LedgerView
{
    /// <summary>
    /// The fold a replay runs: plain dictionaries and one mutable draft per claim while events arrive,
    /// frozen into the immutable view only by <see cref="ToImmutable"/>. A replay of a million events
    /// used to allocate a new <see cref="ClaimView"/> and persistent-list nodes per change, and the
    /// collector spent a third of the replay walking that garbage. Freezing again after more events
    /// rebuilds only what changed since the last freeze, so a runner that freezes after every batch
    /// pays for its batch, not for the history. Its result equals <see cref="LedgerView.Apply"/> applied event by event.
    /// A claim gets a draft only when an event touches it, and drafts are let go once frozen: a builder kept
    /// between batches (a server's index, a projection runner) holds the frozen view, not a second copy of it.
    /// </summary>
    public sealed class Builder
    {
        private readonly FreezingMap<SourceView> _sources;
        private readonly FreezingMap<OccurrenceView> _occurrences;
        private readonly Dictionary<string, ClaimDraft> _claims;
        private readonly List<ClaimDraft> _changedClaims = [];
        private ImmutableDictionary<string, ClaimView> _frozenClaims;
        private readonly ImmutableList<ContradictionRecord>.Builder _contradictions;
        private Domain.Actors.ActorRegistry _actors;
        private long _lastPosition;
        private long _eventCount;
        private Dictionary<string, HashSet<string>>? _anchoredOn;

        internal Builder(LedgerView view)
        {
            _actors = view.Actors;
            _sources = new FreezingMap<SourceView>(view.Sources);
            _occurrences = new FreezingMap<OccurrenceView>(view.Occurrences);
            _claims = new Dictionary<string, ClaimDraft>(StringComparer.Ordinal);
            _frozenClaims = view.Claims;
            _contradictions = view.Contradictions.ToBuilder();
            _lastPosition = view.LastPosition;
            _eventCount = view.EventCount;
        }

        /// <summary>
        /// False for a fold that never shows a claim's history (<see cref="ClaimView.Changes"/> stays empty): the
        /// state projection's runner reads none of it, and at a million events it was a sixth of that fold's memory.
        /// </summary>
        internal bool KeepsClaimChanges { get; set; } = true;

        /// <summary>Claims held as drafts now (for tests): those changed since the last freeze.</summary>
        internal int Drafts => _claims.Count;

        /// <summary>
        /// When set, the id of every claim an <see cref="Apply"/> records or changes is added to it (a claim
        /// may appear more than once): the entry log versions exactly the entries those claims are in.
        /// </summary>
        internal List<string>? Touched { get; set; }

        /// <summary>The claim as folded so far (null: never recorded); a draft is frozen for it and thaws again on its next change.</summary>
        internal ClaimView? ClaimNow(string claimId) =>
            _claims.TryGetValue(claimId, out var draft) ? draft.Freeze() : _frozenClaims.TryGetValue(claimId, out var frozen) ? frozen : null;

        /// <summary>The occurrence as folded so far (null: never identified).</summary>
        internal OccurrenceView? OccurrenceNow(string occurrenceId) => _occurrences.Get(occurrenceId);

        public Builder Apply(LedgerEnvelope envelope)
        {
            _lastPosition = envelope.Position;
            _eventCount++;
            switch (envelope.Event)
            {
                case Domain.Actors.ActorIdentified or Domain.Actors.ActorAliasAdded or Domain.Actors.ActorsMerged or Domain.Actors.ActorsUnmerged:
                    _actors = _actors.Evolve(envelope.Event);
                    break;
                case SourceRegistered e:
                    _sources.Set(e.SourceId, new SourceView(e, envelope.Position, envelope.EventId, envelope.Recorded));
                    break;
                case OccurrenceIdentified e:
                    _occurrences.Set(e.OccurrenceId, new OccurrenceView(e, envelope.Position, envelope.EventId));
                    break;
                case ClaimRecorded e:
                    Record(e, envelope);
                    break;
                case ClaimLinked e:
                    if (Draft(e.ClaimId) is { } linked)
                    {
                        linked.OccurrenceId = e.OccurrenceId;
                        linked.AddChange(Change($"linked to occurrence {e.OccurrenceId}", e.Reason, envelope));
                    }
                    break;
                case ClaimRetracted e:
                    if (Draft(e.ClaimId) is { } retracted)
                    {
                        retracted.Retracted = true;
                        retracted.AddChange(Change("retracted", e.Reason, envelope));
                    }
                    break;
                case ConfidenceRevised e:
                    if (Draft(e.ClaimId) is { } revised)
                    {
                        revised.Confidence = e.Revised;
                        revised.AddChange(Change($"confidence {e.Previous.Grade} → {e.Revised.Grade}", e.Reason, envelope));
                    }
                    break;
                case ClaimsCorroborated e:
                    if (Draft(e.ClaimId) is { } corroborated)
                    {
                        corroborated.CorroboratedBy.Add(e.OtherClaimId);
                        corroborated.AddChange(Change($"corroborated by {e.OtherClaimId}", e.Reason, envelope));
                    }
                    if (Draft(e.OtherClaimId) is { } other)
                    {
                        other.CorroboratedBy.Add(e.ClaimId);
                        other.AddChange(Change($"corroborated by {e.ClaimId}", e.Reason, envelope));
                    }
                    break;
                case ClaimUnlinked e:
                    if (Draft(e.ClaimId) is { } unlinked)
                    {
                        unlinked.OccurrenceId = null;
                        unlinked.AddChange(Change($"unlinked from occurrence {e.OccurrenceId}", e.Reason, envelope));
                    }
                    break;
                case ClaimSuperseded e:
                    if (Draft(e.ClaimId) is { } superseded)
                    {
                        superseded.SupersededBy = e.SupersededBy;
                        superseded.AddChange(Change($"superseded by {e.SupersededBy}", e.Reason, envelope));
                    }
                    break;
                case ClaimRedated e:
                    if (Draft(e.ClaimId) is { } redated)
                    {
                        var redatedFrom = redated.Occurred;
                        redated.Occurred = e.Occurred;
                        redated.AddChange(Change($"re-dated {e.Previous} → {e.Occurred}", e.Reason, envelope));
                        IndexAnchors(e.ClaimId, e.Occurred);
                        ClaimAnchors.Cascade(e.ClaimId, redatedFrom, e.Occurred, AnchoredOn, (id, from, to, anchor) =>
                        {
                            var dependent = Draft(id)!;
                            dependent.Occurred = to;
                            IndexAnchors(id, to);
                            dependent.AddChange(Change(ClaimAnchors.Describe(anchor, from, to), e.Reason, envelope));
                        });
                    }
                    break;
                case ContradictionResolved e:
                    if (Draft(e.ClaimId) is { } resolved)
                    {
                        resolved.ContradictedBy.Remove(e.OtherClaimId);
                        resolved.AddChange(Change($"contradiction with {e.OtherClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    }
                    if (Draft(e.OtherClaimId) is { } otherResolved)
                    {
                        otherResolved.ContradictedBy.Remove(e.ClaimId);
                        otherResolved.AddChange(Change($"contradiction with {e.ClaimId} on {e.Field} resolved: {e.Resolution}", e.Reason, envelope));
                    }
                    Resolve(e, envelope);
                    break;
                case ClaimsContradicted e:
                    if (Draft(e.ClaimId) is { } contradicted)
                    {
                        contradicted.ContradictedBy.Add(e.OtherClaimId);
                        contradicted.AddChange(Change($"contradicted by {e.OtherClaimId} on {e.Field}", e.Reason, envelope));
                    }
                    if (Draft(e.OtherClaimId) is { } otherContradicted)
                    {
                        otherContradicted.ContradictedBy.Add(e.ClaimId);
                        otherContradicted.AddChange(Change($"contradicted by {e.ClaimId} on {e.Field}", e.Reason, envelope));
                    }
                    _contradictions.Add(ContradictionRecord.Of(e, EventRef.Of(envelope)));
                    break;
            }
            return this;
        }

        public LedgerView ToImmutable() => new(_sources.Freeze(), FreezeClaims(), _occurrences.Freeze(), _lastPosition, _eventCount, _contradictions.ToImmutable()) { Actors = _actors };

        private void Record(ClaimRecorded e, LedgerEnvelope envelope)
        {
            // A claim id recorded again replaces the earlier view whole, as the map assignment always did.
            var draft = new ClaimDraft(e, envelope) { KeepsChanges = KeepsClaimChanges };
            _claims[e.ClaimId] = draft;
            Touched?.Add(e.ClaimId);
            _changedClaims.Add(draft);
            IndexAnchors(draft.ClaimId, draft.Occurred);
        }

        /// <summary>
        /// The claims that may be anchored on <paramref name="anchorId"/>. The index is built on the first
        /// re-dating and kept from then on, so a replay with many re-datings does not scan every claim for each.
        /// </summary>
        private List<(string ClaimId, UncertainTime Occurred)> AnchoredOn(string anchorId)
        {
            if (_anchoredOn is null)
            {
                _anchoredOn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
                foreach (var (id, claim) in _frozenClaims)
                {
                    if (!_claims.ContainsKey(id))
                    {
                        IndexAnchors(id, claim.Occurred);
                    }
                }
                foreach (var claim in _claims.Values)
                {
                    IndexAnchors(claim.ClaimId, claim.Occurred);
                }
            }
            return _anchoredOn.TryGetValue(anchorId, out var ids) ? ids.Select(id => (id, OccurredOf(id))).ToList() : [];
        }

        private UncertainTime OccurredOf(string claimId) =>
            _claims.TryGetValue(claimId, out var draft) ? draft.Occurred : _frozenClaims[claimId].Occurred;

        /// <summary>Adds the claim under every claim its readings are anchored on; a reading that later loses its anchor only leaves an extra candidate, which the cascade checks.</summary>
        private void IndexAnchors(string claimId, UncertainTime occurred)
        {
            if (_anchoredOn is null)
            {
                return;
            }
            foreach (var anchor in ClaimAnchors.AnchorsOf(occurred))
            {
                if (!_anchoredOn.TryGetValue(anchor, out var ids))
                {
                    _anchoredOn[anchor] = ids = new HashSet<string>(StringComparer.Ordinal);
                }
                ids.Add(claimId);
            }
        }

        /// <summary>The claim's draft, marked as changed since the last freeze; null for a claim never recorded.</summary>
        private ClaimDraft? Draft(string claimId)
        {
            if (!_claims.TryGetValue(claimId, out var draft))
            {
                if (!_frozenClaims.TryGetValue(claimId, out var frozen))
                {
                    return null;
                }
                _claims[claimId] = draft = new ClaimDraft(frozen) { KeepsChanges = KeepsClaimChanges };
            }
            if (draft.Thaw())
            {
                _changedClaims.Add(draft);
            }
            Touched?.Add(claimId);
            return draft;
        }

        private ImmutableDictionary<string, ClaimView> FreezeClaims()
        {
            if (_changedClaims.Count == 0)
            {
                return _frozenClaims;
            }
            var claims = _frozenClaims.ToBuilder();
            foreach (var draft in _changedClaims)
            {
                // A draft replaced by a later record of the same id is stale: the later one is in the list too.
                if (ReferenceEquals(_claims[draft.ClaimId], draft))
                {
                    claims[draft.ClaimId] = draft.Freeze();
                }
            }
            _changedClaims.Clear();
            // Every draft is frozen now: the frozen map holds all they knew, and the next change thaws a new one.
            _claims.Clear();
            return _frozenClaims = claims.ToImmutable();
        }

        private void Resolve(ContradictionResolved e, LedgerEnvelope envelope)
        {
            var index = _contradictions.FindLastIndex(c => c.IsOpen && c.Concerns(e.ClaimId, e.OtherClaimId, e.Field));
            if (index >= 0)
            {
                _contradictions[index] = _contradictions[index] with { Resolved = new ContradictionResolution(e.Resolution, e.Reason, EventRef.Of(envelope)) };
            }
        }

        private static ClaimChange Change(string what, string reason, LedgerEnvelope envelope) =>
            new(what, reason, envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy);
    }
}
