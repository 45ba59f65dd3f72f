using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Serialization.Upcasting;

/// <summary>
/// Reads one older event shape as the next one, at decode time: the stored bytes are never rewritten
/// (the hash chain covers them), so every build that knows the newer shape carries this upcaster for as
/// long as stores hold the older one. Must be pure: the same input gives the same output, no clock, no
/// I/O, and <c>data</c> is not modified (it is the caller's parse of the stored bytes).
/// </summary>
public interface IEventUpcaster
{
    /// <summary>The stored wire name and version it reads, e.g. "claim-recorded/v1".</summary>
    string From { get; }

    /// <summary>The wire name and version it produces: a type this build knows, or the <see cref="From"/> of another upcaster.</summary>
    string To { get; }

    /// <summary>The event's data in the <see cref="To"/> shape.</summary>
    JsonNode Upcast(JsonNode data);
}
