using System.Text.Json;
using System.Text.Json.Nodes;

namespace BilateralTimeline.Application.Serialization.Upcasting;

/// <summary>
/// The upcasters a build carries, keyed by the stored wire name and version they read. Decoding applies
/// them in a chain (v1 → v2 → v3) until the event has a shape this build knows. Built once and read-only.
/// </summary>
public sealed class EventUpcasters
{
    private readonly Dictionary<string, IEventUpcaster> _byFrom;

    public EventUpcasters(IEnumerable<IEventUpcaster> upcasters)
    {
        _byFrom = new Dictionary<string, IEventUpcaster>(StringComparer.Ordinal);
        foreach (var upcaster in upcasters)
        {
            if (EventTypes.TryGetType(upcaster.From, out _))
            {
                throw new ArgumentException($"an upcaster reads {upcaster.From}, which is a current event shape: the current shape is read as it is", nameof(upcasters));
            }
            if (!_byFrom.TryAdd(upcaster.From, upcaster))
            {
                throw new ArgumentException($"two upcasters read {upcaster.From}", nameof(upcasters));
            }
        }
        foreach (var upcaster in _byFrom.Values)
        {
            // Checked here rather than at the first old event: a chain that ends nowhere is a build error.
            _ = FinalType(upcaster.From) ?? throw new ArgumentException($"the upcasters from {upcaster.From} do not lead to an event shape this build knows", nameof(upcasters));
        }
    }

    /// <summary>
    /// What this build carries. Empty today: every event shape is still at its first version. The first
    /// change of an event's shape adds its upcaster here (see docs/versioning.md).
    /// </summary>
    public static EventUpcasters Default { get; } = new([]);

    public IReadOnlyCollection<IEventUpcaster> All => _byFrom.Values;

    /// <summary>True when this build can read events stored under <paramref name="wireName"/>, directly or through upcasters.</summary>
    public bool CanRead(string wireName) => EventTypes.TryGetType(wireName, out _) || _byFrom.ContainsKey(wireName);

    /// <summary>
    /// The current wire name and data for an event stored as <paramref name="wireName"/>; the input
    /// unchanged when no upcaster reads it.
    /// </summary>
    public (string WireName, ReadOnlyMemory<byte> Data) Upcast(string wireName, ReadOnlyMemory<byte> data)
    {
        if (!_byFrom.ContainsKey(wireName))
        {
            return (wireName, data);
        }
        var node = JsonNode.Parse(data.Span) ?? throw new JsonException("the event's data is JSON null");
        while (_byFrom.TryGetValue(wireName, out var upcaster))
        {
            node = upcaster.Upcast(node);
            wireName = upcaster.To;
        }
        return (wireName, JsonSerializer.SerializeToUtf8Bytes(node));
    }

    private string? FinalType(string from)
    {
        var type = from;
        for (var steps = 0; steps <= _byFrom.Count; steps++)
        {
            if (!_byFrom.TryGetValue(type, out var upcaster))
            {
                return EventTypes.TryGetType(type, out _) ? type : null;
            }
            type = upcaster.To;
        }
        return null; // a cycle
    }
}
