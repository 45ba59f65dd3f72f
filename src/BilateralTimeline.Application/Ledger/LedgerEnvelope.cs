using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Ledger;

/// <summary>A domain event with the facts the store added: where it is and when and by whom it was recorded.</summary>
public sealed record LedgerEnvelope(ILedgerEvent Event, long Position, long Revision, Guid EventId, DateTimeOffset Recorded, string RecordedBy);
