using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Domain.Corrections;

/// <summary>The claim should no longer be believed; it stays in history with the reason.</summary>
[EventType("claim-retracted/v1")]
public sealed record ClaimRetracted(string ClaimId, string Reason) : ILedgerEvent;

/// <summary>Our grading of a claim changed; the earlier grade remains in the log.</summary>
[EventType("confidence-revised/v1")]
public sealed record ConfidenceRevised(string ClaimId, Confidence Previous, Confidence Revised, string Reason) : ILedgerEvent;

/// <summary>Two claims independently support each other.</summary>
[EventType("claims-corroborated/v1")]
public sealed record ClaimsCorroborated(string ClaimId, string OtherClaimId, string Reason) : ILedgerEvent;

/// <summary>
/// Two claims disagree on a field of <see cref="ContradictionFields"/>; the contradiction is about the first
/// claim, the other being the evidence against it. <see cref="Detail"/> says what exactly (absent in events
/// written before it existed, whose free-text field <see cref="ContradictionFields.Read"/> maps).
/// </summary>
[EventType("claims-contradicted/v1")]
public sealed record ClaimsContradicted(string ClaimId, string OtherClaimId, string Field, string Reason, string? Detail = null) : ILedgerEvent;

/// <summary>A newer claim replaces this one; the old one stops counting but stays in history.</summary>
[EventType("claim-superseded/v1")]
public sealed record ClaimSuperseded(string ClaimId, string SupersededBy, string Reason) : ILedgerEvent;

/// <summary>A disagreement between two claims was settled; the resolution says how.</summary>
[EventType("contradiction-resolved/v1")]
public sealed record ContradictionResolved(string ClaimId, string OtherClaimId, string Field, string Resolution, string Reason) : ILedgerEvent;

/// <summary>An analyst re-read when a claim's happening occurred (e.g. picked the year); the earlier reading stays in the log.</summary>
[EventType("claim-redated/v1")]
public sealed record ClaimRedated(string ClaimId, Time.UncertainTime Previous, Time.UncertainTime Occurred, string Reason) : ILedgerEvent;
