using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>What someone asks the ledger of a dyad to record. Deciding may yield no events (already recorded).</summary>
public abstract record LedgerCommand;

public sealed record RegisterSource(
    string SourceId, string Outlet, string Language, string Title, string? Url,
    UncertainTime Published, DateTimeOffset? Retrieved, string Text) : LedgerCommand;

public sealed record IdentifyOccurrence(string OccurrenceId, string Title) : LedgerCommand;

public sealed record RecordClaim(
    string ClaimId, string SourceId, string Kind, string Summary, Modality Modality,
    IReadOnlyList<Actor> Actors, string? Place, UncertainTime Occurred,
    IReadOnlyList<AttributionLink> Attribution, IReadOnlyList<Quote> Quotes,
    Confidence Confidence, IReadOnlyList<StatusEffect> Effects, string? Note, string? Cameo = null) : LedgerCommand;

public sealed record LinkClaim(string ClaimId, string OccurrenceId, string Reason) : LedgerCommand;

public sealed record RetractClaim(string ClaimId, string Reason) : LedgerCommand;

public sealed record ReviseConfidence(string ClaimId, Confidence Confidence, string Reason) : LedgerCommand;

public sealed record MarkCorroboration(string ClaimId, string OtherClaimId, string Reason) : LedgerCommand;

public sealed record MarkContradiction(string ClaimId, string OtherClaimId, string Field, string Reason, string? Detail = null) : LedgerCommand;

public sealed record SupersedeClaim(string ClaimId, string SupersededBy, string Reason) : LedgerCommand;

public sealed record ResolveContradiction(string ClaimId, string OtherClaimId, string Field, string Resolution, string Reason) : LedgerCommand;

public sealed record RedateClaim(string ClaimId, UncertainTime Occurred, string Reason) : LedgerCommand;

public sealed record UnlinkClaim(string ClaimId, string Reason) : LedgerCommand;
