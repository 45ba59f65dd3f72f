using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Ledger;

/// <summary>What someone asks the ledger of a dyad to record. Deciding may yield no events (already recorded).</summary>
public abstract record LedgerCommand;

public sealed record RegisterSourceCommand(
    string SourceId, string Outlet, string Language, string Title, string? Url,
    UncertainTime Published, DateTimeOffset? Retrieved, string Text) : LedgerCommand;

public sealed record IdentifyOccurrenceCommand(string OccurrenceId, string Title) : LedgerCommand;

public sealed record RecordClaimCommand(
    string ClaimId, string SourceId, string Kind, string Summary, Modality Modality,
    IReadOnlyList<Actor> Actors, string? Place, UncertainTime Occurred,
    IReadOnlyList<AttributionLink> Attribution, IReadOnlyList<Quote> Quotes,
    Confidence Confidence, IReadOnlyList<StatusEffect> Effects, string? Note, string? Cameo = null) : LedgerCommand;

public sealed record LinkClaimCommand(string ClaimId, string OccurrenceId, string Reason) : LedgerCommand;

public sealed record RetractClaimCommand(string ClaimId, string Reason) : LedgerCommand;

public sealed record ReviseConfidenceCommand(string ClaimId, Confidence Confidence, string Reason) : LedgerCommand;

public sealed record MarkCorroborationCommand(string ClaimId, string OtherClaimId, string Reason) : LedgerCommand;

public sealed record MarkContradictionCommand(string ClaimId, string OtherClaimId, string Field, string Reason, string? Detail = null) : LedgerCommand;

public sealed record SupersedeClaimCommand(string ClaimId, string SupersededBy, string Reason) : LedgerCommand;

public sealed record ResolveContradictionCommand(string ClaimId, string OtherClaimId, string Field, string Resolution, string Reason) : LedgerCommand;

public sealed record RedateClaimCommand(string ClaimId, UncertainTime Occurred, string Reason) : LedgerCommand;

public sealed record UnlinkClaimCommand(string ClaimId, string Reason) : LedgerCommand;
