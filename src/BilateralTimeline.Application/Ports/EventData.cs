using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Ports;

/// <summary>
/// An event to append. <see cref="Type"/> is the stable wire name with version ("claim-recorded/v1");
/// <see cref="Data"/> is UTF-8 JSON. The event id is the idempotency key: the same id appended again
/// with the same content is acknowledged with its original position instead of being written twice.
/// </summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, EventMetadata Metadata);

/// <summary>
/// Who caused an event and why. Serialised as a JSON object; <see cref="Extra"/> carries anything
/// else a caller wants kept (it must be a JSON object too).
/// </summary>
public sealed record EventMetadata(string RecordedBy, Guid? CorrelationId = null, Guid? CausationId = null, JsonObject? Extra = null);
