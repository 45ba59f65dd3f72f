using System.Reflection;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

/// <summary>The map between stable wire names ("claim-recorded/v1") and event records.</summary>
public static class EventTypes
{
    private static readonly Dictionary<string, Type> ByName;
    private static readonly Dictionary<Type, string> ByType;

    static EventTypes()
    {
        var types = typeof(ILedgerEvent).Assembly.GetTypes()
            .Where(t => typeof(ILedgerEvent).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (Type: t, Name: t.GetCustomAttribute<EventTypeAttribute>()?.WireName
                ?? throw new InvalidOperationException($"{t.Name} has no [EventType] wire name")))
            .ToList();
        ByName = types.ToDictionary(x => x.Name, x => x.Type, StringComparer.Ordinal);
        ByType = types.ToDictionary(x => x.Type, x => x.Name);
    }

    /// <summary>Every registered wire name, e.g. for documentation that must list them all.</summary>
    public static IReadOnlyCollection<string> WireNames => ByName.Keys;

    public static string NameOf(ILedgerEvent e) => ByType[e.GetType()];

    public static bool TryGetType(string wireName, out Type? type) => ByName.TryGetValue(wireName, out type);
}
