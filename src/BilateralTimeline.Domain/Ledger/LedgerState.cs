using System.Collections.Immutable;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>What the decider needs to know about a dyad's ledger: ids, content and current grades.</summary>
public sealed partial record LedgerState(
    ImmutableDictionary<string, SourceRegistered> Sources,
    ImmutableDictionary<string, ClaimRecorded> Claims,
    ImmutableDictionary<string, Confidence> CurrentConfidence,
    ImmutableDictionary<string, string> Retracted,
    ImmutableDictionary<string, OccurrenceIdentified> Occurrences,
    ImmutableDictionary<string, string> OccurrenceOfClaim,
    ImmutableHashSet<string> Relations,
    ImmutableDictionary<string, string> SupersededBy,
    ImmutableDictionary<string, Time.UncertainTime> CurrentTime)
{
    public static readonly LedgerState Empty = new(
        ImmutableDictionary<string, SourceRegistered>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ClaimRecorded>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, Confidence>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, OccurrenceIdentified>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, Time.UncertainTime>.Empty.WithComparers(StringComparer.Ordinal));

    public static LedgerState Evolve(LedgerState state, ILedgerEvent @event) => @event switch
    {
        SourceRegistered e => state with { Sources = state.Sources.SetItem(e.SourceId, e) },
        ClaimRecorded e => state with
        {
            Claims = state.Claims.SetItem(e.ClaimId, e),
            CurrentConfidence = state.CurrentConfidence.SetItem(e.ClaimId, e.Confidence),
            CurrentTime = state.CurrentTime.SetItem(e.ClaimId, e.Occurred),
        },
        OccurrenceIdentified e => state with { Occurrences = state.Occurrences.SetItem(e.OccurrenceId, e) },
        ClaimLinked e => state with { OccurrenceOfClaim = state.OccurrenceOfClaim.SetItem(e.ClaimId, e.OccurrenceId) },
        ClaimRetracted e => state with { Retracted = state.Retracted.SetItem(e.ClaimId, e.Reason) },
        ConfidenceRevised e => state with { CurrentConfidence = state.CurrentConfidence.SetItem(e.ClaimId, e.Revised) },
        ClaimsCorroborated e => state with { Relations = state.Relations.Add(RelationKey("corroborates", e.ClaimId, e.OtherClaimId, "")) },
        ClaimsContradicted e => state with { Relations = state.Relations.Add(RelationKey("contradicts", e.ClaimId, e.OtherClaimId, e.Field)) },
        ContradictionResolved e => state with { Relations = state.Relations.Remove(RelationKey("contradicts", e.ClaimId, e.OtherClaimId, e.Field)) },
        ClaimSuperseded e => state with { SupersededBy = state.SupersededBy.SetItem(e.ClaimId, e.SupersededBy) },
        ClaimRedated e => state with { CurrentTime = state.CurrentTime.SetItem(e.ClaimId, e.Occurred) },
        ClaimUnlinked e => state with { OccurrenceOfClaim = state.OccurrenceOfClaim.Remove(e.ClaimId) },
        Domain.Actors.ActorIdentified or Domain.Actors.ActorAliasAdded or Domain.Actors.ActorsMerged or Domain.Actors.ActorsUnmerged => state with { Actors = state.Actors.Evolve(@event) },
        _ => state,
    };

    /// <summary>Relations are symmetric: (a, b) and (b, a) are the same pair.</summary>
    public static string RelationKey(string relation, string a, string b, string field) =>
        string.CompareOrdinal(a, b) < 0 ? $"{relation}|{a}|{b}|{field}" : $"{relation}|{b}|{a}|{field}";
}
