using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BilateralTimeline.Domain;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// JSON for domain events and views: camelCase, kebab-case enums, ISO dates. Properties that are
/// computed from others (no setter, no constructor parameter) are left out, so the wire form holds
/// only the state a record is built from.
/// </summary>
public static class LedgerJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Absent and null read back the same; leaving nulls out saves a tenth of a claim's bytes.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Generated metadata for events first, reflection for everything else (views, DTOs).
            TypeInfoResolver = JsonTypeInfoResolver.Combine(LedgerJsonContext.Default, new DefaultJsonTypeInfoResolver()).WithAddedModifier(OnlyConstructorState),
        };
        options.Converters.Add(new ReliabilityJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly();
        return options;
    }

    private static void OnlyConstructorState(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !IsDomainType(info.Type))
        {
            return;
        }
        var parameters = info.Type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            var property = info.Properties[i];
            if (property.Set is null && property.AttributeProvider is PropertyInfo clr && !parameters.Contains(clr.Name))
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private static bool IsDomainType(Type type) => type.Assembly == typeof(ILedgerEvent).Assembly;
}
