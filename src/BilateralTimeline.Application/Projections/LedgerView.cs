using System.Collections.Immutable;
using BilateralTimeline.Application.Ledger;
using BilateralTimeline.Domain.Claims;
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
/// <see cref="Field"/> is on the closed list (<see cref="Domain.Corrections.ContradictionFields"/>), read
/// from older free text when the event predates it; <see cref="RecordedField"/> is the event's own text,
/// which a resolution names.
/// </summary>
public sealed record ContradictionRecord(string ClaimId, string OtherClaimId, string Field, string Reason, EventRef Opened, ContradictionResolution? Resolved, string? Detail = null, string? RecordedField = null)
{
    public bool IsOpen => Resolved is null;

    internal static ContradictionRecord Of(Domain.Corrections.ClaimsContradicted e, EventRef opened)
    {
        var (field, detail) = Domain.Corrections.ContradictionFields.Read(e.Field, e.Detail);
        return new ContradictionRecord(e.ClaimId, e.OtherClaimId, field, e.Reason, opened, null, detail, e.Field);
    }

    internal bool Concerns(string claimId, string otherClaimId, string field) =>
        string.Equals(RecordedField ?? Field, field, StringComparison.Ordinal)
        && ((ClaimId == claimId && OtherClaimId == otherClaimId) || (ClaimId == otherClaimId && OtherClaimId == claimId));
}

public sealed record SourceView(SourceRegistered Source, long Position, Guid EventId, DateTimeOffset Recorded);

public sealed record OccurrenceView(OccurrenceIdentified Occurrence, long Position, Guid EventId);

/// <summary>
/// The ledger of one dyad folded from its events: the common ground of the timeline, state and
/// audit projections. A pure fold: Create, then Apply for each event in order.
/// </summary>
public sealed partial record LedgerView(
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

    /// <summary>
    /// The pure fold step: a new view with the event applied; <paramref name="view"/> is unchanged. It
    /// works on the immutable maps themselves and is the oracle the faster <see cref="Builder"/> is proved against.
    /// </summary>
    public static LedgerView Apply(LedgerView view, LedgerEnvelope envelope) => new ImmutableStep(view).Apply(envelope).ToImmutable();

    public Builder ToBuilder() => new(this);

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
