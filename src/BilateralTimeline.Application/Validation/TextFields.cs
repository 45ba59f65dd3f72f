using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// Holds <see cref="TextRule"/> for every string a request carries, however deep (claims[2].actors[0].name),
/// so that no use case can forget a field. Only records and lists are walked: requests and their
/// parts are records, and anything else (a progress reporter, a clock) is not input.
/// </summary>
internal static class TextFields
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, string? Name)[]> Properties = new();

    public static IEnumerable<FieldError> Problems(object? request)
    {
        var errors = new List<FieldError>();
        Walk(request, "", errors, depth: 0);
        return errors;
    }

    private static void Walk(object? value, string path, List<FieldError> errors, int depth)
    {
        // Input models nest a few levels (file → claim → occurred → candidates); the bound only guards a cycle.
        if (value is null || depth > 16)
        {
            return;
        }
        switch (value)
        {
            case string text:
                if (TextRule.Problem(text) is { } problem)
                {
                    errors.Add(new FieldError(path, problem));
                }
                return;
            case IDictionary:
                // Source texts read from files are checked by the import reader, which names the file's field.
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    Walk(item, $"{path}[{i++}]", errors, depth + 1);
                }
                return;
        }
        foreach (var (property, name) in PropertiesOf(value.GetType()))
        {
            var inner = name is null ? path : path.Length == 0 ? name : $"{path}.{name}";
            Walk(property.GetValue(value), inner, errors, depth + 1);
        }
    }

    private static (PropertyInfo Property, string? Name)[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => IsRecord(t)
            ? [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => (p, p.IsDefined(typeof(NotInFieldPathsAttribute)) ? null : JsonName(p)))]
            : []);

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
        ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}

/// <summary>A request property whose fields are named in errors as if they were the request's own (an import's document: "claims[0]", not "document.claims[0]").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInFieldPathsAttribute : Attribute;
