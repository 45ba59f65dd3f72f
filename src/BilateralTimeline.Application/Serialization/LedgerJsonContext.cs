using System.Text.Json.Serialization;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// Compile-time JSON metadata for the events: replay decodes every event of the log, and generated
/// metadata spares the reflection-based path its per-object overhead.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SourceRegistered))]
[JsonSerializable(typeof(ClaimRecorded))]
[JsonSerializable(typeof(OccurrenceIdentified))]
[JsonSerializable(typeof(ClaimLinked))]
[JsonSerializable(typeof(ClaimRetracted))]
[JsonSerializable(typeof(ConfidenceRevised))]
[JsonSerializable(typeof(ClaimsCorroborated))]
[JsonSerializable(typeof(ClaimsContradicted))]
[JsonSerializable(typeof(ActorIdentified))]
[JsonSerializable(typeof(ActorAliasAdded))]
[JsonSerializable(typeof(ActorsMerged))]
[JsonSerializable(typeof(ActorsUnmerged))]
internal sealed partial class LedgerJsonContext : JsonSerializerContext;
