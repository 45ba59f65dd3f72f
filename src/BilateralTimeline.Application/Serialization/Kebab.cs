using System.Collections.Frozen;

namespace BilateralTimeline.Application.Serialization;

/// <summary>Enum names in files are kebab-case ("relative-to-publication"); this maps them both ways.</summary>
public static class Kebab
{
    /// <remarks>
    /// A lookup in the names each value is written as: an import reads five enums per claim and checks
    /// each twice (validation, then mapping), and parsing, checking and formatting every one of them back
    /// cost as much as the rest of the claim's checks. <see cref="TryParseByName"/> is its oracle in the tests.
    /// </remarks>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Names<TEnum>.ByText.TryGetValue(text, out value);
    }

    /// <summary>Parses the name without its dashes, then keeps it only if the value is written back exactly as given.</summary>
    internal static bool TryParseByName<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        return text is not null && Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out value)
            && Enum.IsDefined(value) && Format(value) == text;
    }

    public static string Format<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// <see cref="Format"/> from a table, for writing events (<see cref="HotEventJson"/>); a value that is not
    /// one of the enum's names is refused, as the serializer refuses it.
    /// </summary>
    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new System.Text.Json.JsonException($"{typeof(TEnum).Name} has no name for {value}");

    public static string Options<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Format));

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        // Two names for one value print as the same one, so each value is written one way.
        public static readonly FrozenDictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Format);

        public static readonly FrozenDictionary<string, TEnum> ByText = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
