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
    private static readonly ConcurrentDictionary<Type, (Func<object, object?> Get, string? Name)[]> Properties = new();

    public static IEnumerable<FieldError> Problems(object? request)
    {
        var errors = new List<FieldError>();
        Walk(request, [], errors);
        return errors;
    }

    /// <summary>
    /// The path is kept as segments (a name, or an index into a list) and spelled out only for a field
    /// that fails: an import of many claims walks every string, and nearly all of them pass.
    /// </summary>
    private static void Walk(object? value, List<Segment> path, List<FieldError> errors)
    {
        // Input models nest a few levels (file → claim → occurred → candidates); the bound only guards a cycle.
        if (value is null || path.Count > 16)
        {
            return;
        }
        switch (value)
        {
            case string text:
                if (TextRule.Problem(text) is { } problem)
                {
                    errors.Add(new FieldError(Spell(path), problem));
                }
                return;
            case IDictionary:
                // Source texts read from files are checked by the import reader, which names the file's field.
                return;
            case IList list:
                // By index, not through an enumerator: an import's lists hold tens of thousands of parts.
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(Segment.At(i));
                    Walk(list[i], path, errors);
                    path.RemoveAt(path.Count - 1);
                }
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    path.Add(Segment.At(index++));
                    Walk(item, path, errors);
                    path.RemoveAt(path.Count - 1);
                }
                return;
        }
        foreach (var (get, name) in PropertiesOf(value.GetType()))
        {
            path.Add(Segment.Named(name));
            Walk(get(value), path, errors);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>One step of a path: a field's name, an index into a list, or a level that adds nothing (<see cref="NotInFieldPathsAttribute"/>, still counted towards the depth bound).</summary>
    private readonly record struct Segment(string? Name, int Index)
    {
        public static Segment At(int index) => new(null, index);

        public static Segment Named(string? name) => new(name, -1);
    }

    private static string Spell(List<Segment> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Name is { } name)
            {
                text.Append(text.Length == 0 ? "" : ".").Append(name);
            }
            else if (segment.Index >= 0)
            {
                text.Append('[').Append(segment.Index).Append(']');
            }
        }
        return text.ToString();
    }

    private static (Func<object, object?> Get, string? Name)[] PropertiesOf(Type type) =>
        Properties.GetOrAdd(type, t => IsRecord(t)
            ? [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && MayHoldText(p.PropertyType))
                .Select(p => (Getter(t, p), p.IsDefined(typeof(NotInFieldPathsAttribute)) ? null : JsonName(p)))]
            : []);

    /// <summary>
    /// The property's getter as a delegate: an import walks every field of thousands of claims, where
    /// reflection's GetValue per field cost more than the text rule itself. Struct records keep GetValue
    /// (an open delegate over a struct's getter needs the value by reference).
    /// </summary>
    private static Func<object, object?> Getter(Type type, PropertyInfo property) =>
        type.IsValueType
            ? property.GetValue
            : (Func<object, object?>)typeof(TextFields).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type, property.PropertyType).Invoke(null, [property.GetMethod!])!;

    private static Func<object, object?> Typed<TOwner, TValue>(MethodInfo getter)
    {
        var get = getter.CreateDelegate<Func<TOwner, TValue>>();
        return owner => get((TOwner)owner);
    }

    /// <summary>
    /// False for a number, a flag, a date or an enum (or one of them that may be null), which holds no
    /// text at any depth: an import's claims carry several each, and reading one boxed it.
    /// </summary>
    private static bool MayHoldText(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return !(plain.IsPrimitive || plain.IsEnum || plain == typeof(decimal) || plain == typeof(DateTime) || plain == typeof(DateTimeOffset)
            || plain == typeof(DateOnly) || plain == typeof(TimeOnly) || plain == typeof(TimeSpan) || plain == typeof(Guid));
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
        ?? char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}

/// <summary>A request property whose fields are named in errors as if they were the request's own (an import's document: "claims[0]", not "document.claims[0]").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInFieldPathsAttribute : Attribute;
