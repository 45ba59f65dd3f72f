using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Domain.Claims;

/// <summary>
/// One thing a source asserts, with everything needed to audit it: the exact quotes (a statement
/// repeated in the source is one claim with two quotes), who said it, when it happened as far as the
/// source lets us say, and how much we trust it. <see cref="Cameo"/> is the CAMEO code the claim
/// supports when it is finer than its kind's (absent in events written before it existed, which count
/// with their kind's code, as they always did).
/// </summary>
[EventType("claim-recorded/v1")]
public sealed record ClaimRecorded(
    string ClaimId,
    string SourceId,
    string Kind,
    string Summary,
    Modality Modality,
    IReadOnlyList<Actor> Actors,
    string? Place,
    UncertainTime Occurred,
    IReadOnlyList<AttributionLink> Attribution,
    IReadOnlyList<Quote> Quotes,
    Confidence Confidence,
    IReadOnlyList<StatusEffect> Effects,
    string? Note,
    string? Cameo = null) : ILedgerEvent;
