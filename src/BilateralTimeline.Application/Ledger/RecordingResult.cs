namespace BilateralTimeline.Application.Ledger;

/// <summary>What a recorded command changed: nothing when it was already so.</summary>
public sealed record RecordingResult(string Dyad, int EventsAppended, long StreamRevision, long? LastGlobalPosition);
