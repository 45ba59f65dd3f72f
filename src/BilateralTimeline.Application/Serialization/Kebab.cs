namespace BilateralTimeline.Application.Serialization;

/// <summary>Enum names in files are kebab-case ("relative-to-publication"); this maps them both ways.</summary>
public static class Kebab
{
    /// <remarks>
    /// A search of the names each value is written as: an import reads five enums per claim and checks
    /// each twice (validation, then mapping), and parsing, checking and formatting every one of them back
    /// cost as much as the rest of the claim's checks. <see cref="TryParseByName"/> is its oracle in the tests.
    /// </remarks>
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (text is null)
        {
            return false;
        }
        var texts = Names<TEnum>.Texts;
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.Equals(texts[i], text, StringComparison.Ordinal))
            {
                value = Names<TEnum>.Values[i];
                return true;
            }
        }
        return false;
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
    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var values = Names<TEnum>.Values;
        for (var i = 0; i < values.Length; i++)
        {
            if (EqualityComparer<TEnum>.Default.Equals(values[i], value))
            {
                return Names<TEnum>.Texts[i];
            }
        }
        throw new System.Text.Json.JsonException($"{typeof(TEnum).Name} has no name for {value}");
    }

    public static string Options<TEnum>() where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetValues<TEnum>().Select(Format));

    /// <summary>
    /// Each value once (two names for one value print as the same one) beside the text it is written as.
    /// Plain arrays searched in order: the enums hold a handful of values, and a hashed table per enum
    /// cost a short-lived process more to compile than all its look-ups.
    /// </summary>
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly TEnum[] Values = [.. Enum.GetValues<TEnum>().Distinct()];

        public static readonly string[] Texts = [.. Values.Select(Format)];
    }
}
