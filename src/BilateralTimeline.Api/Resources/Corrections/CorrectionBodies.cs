namespace BilateralTimeline.Api.Resources.Corrections;

// Bodies of POST /api/corrections/{verb}. Who records comes from the API key, the expected revision
// from If-Match; everything else is here. Missing fields are reported by the use case's validator.

public sealed record RetractBody(string? Dyad, string? ClaimId, string? Reason);

public sealed record SupersedeBody(string? Dyad, string? ClaimId, string? SupersededBy, string? Reason);

public sealed record ReviseBody(string? Dyad, string? ClaimId, string? Reliability, int? Credibility, string? Likelihood, string? Reason);

public sealed record CorroborateBody(string? Dyad, string? ClaimId, string? OtherClaimId, string? Reason);

public sealed record DisputeBody(string? Dyad, string? ClaimId, string? OtherClaimId, string? Field, string? Reason, string? Detail = null);

public sealed record ResolveBody(string? Dyad, string? ClaimId, string? OtherClaimId, string? Field, string? Resolution, string? Reason);

public sealed record LinkBody(string? Dyad, string? ClaimId, string? OccurrenceId, string? Reason);

public sealed record UnlinkBody(string? Dyad, string? ClaimId, string? Reason);

/// <summary>The new reading of when it happened: from..to (to defaults to from) at a precision (default day), with the source's phrase.</summary>
public sealed record RedateBody(string? Dyad, string? ClaimId, string? From, string? To, string? Precision, string? Phrase, string? Reason);
