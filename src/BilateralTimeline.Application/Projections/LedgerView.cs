using System.Collections.Immutable;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

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
    ImmutableList<string> ContradictedBy);

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
    long EventCount)
{
    public static LedgerView Create() => new(
        ImmutableDictionary<string, SourceView>.Empty,
        ImmutableDictionary<string, ClaimView>.Empty,
        ImmutableDictionary<string, OccurrenceView>.Empty,
        0,
        0);

    public static LedgerView Apply(LedgerView view, LedgerEnvelope envelope)
    {
        var next = view with { LastPosition = envelope.Position, EventCount = view.EventCount + 1 };
        return envelope.Event switch
        {
            SourceRegistered e => next with { Sources = next.Sources.SetItem(e.SourceId, new SourceView(e, envelope.Position, envelope.EventId, envelope.Recorded)) },
            OccurrenceIdentified e => next with { Occurrences = next.Occurrences.SetItem(e.OccurrenceId, new OccurrenceView(e, envelope.Position, envelope.EventId)) },
            ClaimRecorded e => next with
            {
                Claims = next.Claims.SetItem(e.ClaimId, new ClaimView(e, envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy, e.Confidence, false, null, [], [], [])),
            },
            ClaimLinked e => Update(next, e.ClaimId, c => c with { OccurrenceId = e.OccurrenceId }, Change($"linked to occurrence {e.OccurrenceId}", e.Reason, envelope)),
            ClaimRetracted e => Update(next, e.ClaimId, c => c with { Retracted = true }, Change("retracted", e.Reason, envelope)),
            ConfidenceRevised e => Update(next, e.ClaimId, c => c with { Confidence = e.Revised }, Change($"confidence {e.Previous.Grade} → {e.Revised.Grade}", e.Reason, envelope)),
            ClaimsCorroborated e => Update(
                Update(next, e.ClaimId, c => c with { CorroboratedBy = c.CorroboratedBy.Add(e.OtherClaimId) }, Change($"corroborated by {e.OtherClaimId}", e.Reason, envelope)),
                e.OtherClaimId, c => c with { CorroboratedBy = c.CorroboratedBy.Add(e.ClaimId) }, Change($"corroborated by {e.ClaimId}", e.Reason, envelope)),
            ClaimsContradicted e => Update(
                Update(next, e.ClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.OtherClaimId) }, Change($"contradicted by {e.OtherClaimId} on {e.Field}", e.Reason, envelope)),
                e.OtherClaimId, c => c with { ContradictedBy = c.ContradictedBy.Add(e.ClaimId) }, Change($"contradicted by {e.ClaimId} on {e.Field}", e.Reason, envelope)),
            _ => next,
        };
    }

    private static ClaimChange Change(string what, string reason, LedgerEnvelope envelope) =>
        new(what, reason, envelope.Position, envelope.EventId, envelope.Recorded, envelope.RecordedBy);

    private static LedgerView Update(LedgerView view, string claimId, Func<ClaimView, ClaimView> change, ClaimChange record) =>
        view.Claims.TryGetValue(claimId, out var claim)
            ? view with { Claims = view.Claims.SetItem(claimId, change(claim) with { Changes = claim.Changes.Add(record) }) }
            : view;

    /// <summary>Folds a dyad's ledger as it was known at <paramref name="knownAt"/> (null: now).</summary>
    public static async Task<LedgerView> LoadAsync(Ports.IEventStore store, Domain.Ledger.DyadId dyad, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var view = Create();
        await foreach (var envelope in LedgerReader.ReadAsync(store, dyad, knownAt, cancellationToken).ConfigureAwait(false))
        {
            view = Apply(view, envelope);
        }
        return view;
    }
}
