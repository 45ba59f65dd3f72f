namespace BilateralTimeline.Domain.Occurrences;

/// <summary>A real-world happening that one or more claims describe.</summary>
[EventType("occurrence-identified/v1")]
public sealed record OccurrenceIdentified(string OccurrenceId, string Title) : ILedgerEvent;

/// <summary>A claim is taken to describe an occurrence. Linking is an event so a merge can be undone.</summary>
[EventType("claim-linked/v1")]
public sealed record ClaimLinked(string ClaimId, string OccurrenceId, string Reason) : ILedgerEvent;

/// <summary>A claim no longer describes the occurrence: the merge made by linking is undone.</summary>
[EventType("claim-unlinked/v1")]
public sealed record ClaimUnlinked(string ClaimId, string OccurrenceId, string Reason) : ILedgerEvent;
