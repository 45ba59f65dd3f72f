using System.Text.RegularExpressions;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// Turns ASP.NET Core's and System.Text.Json's messages about a bad request into ours: the field and
/// how to fix it, never a .NET type name ("could not be converted to BilateralTimeline…") or framework
/// advice ("Did you mean to use a Service instead?"). A message we do not recognise is replaced, not shown.
/// </summary>
internal static partial class FrameworkWording
{
    private const string SeeSchema = "see this endpoint in /openapi/v1.json";

    /// <summary>The field (null: the request as a whole) and a message for a binding failure.</summary>
    public static (string? Field, string Message) Explain(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var value = bind.Groups["value"].Value;
            return (bind.Groups["name"].Value, $"'{(value.Length > 60 ? value[..60] + "…" : value)}' is not {Kind(bind.Groups["type"].Value)}");
        }
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || NotProvided().Match(message) is { Success: true, Groups: var g } && g["where"].Value == "body")
        {
            return (null, "the request has no body; send a JSON object with Content-Type: application/json (" + SeeSchema + ")");
        }
        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return (missing.Groups["name"].Value, $"is required (in the {missing.Groups["where"].Value})");
        }
        if (WrongMediaType().Match(message) is { Success: true } media)
        {
            return (null, $"send the body as JSON with Content-Type: application/json (this request said '{media.Groups["type"].Value}')");
        }
        return (null, "the request could not be read; " + SeeSchema);
    }

    /// <summary>A JSON reader or converter message without type names or System.Text.Json's position suffix.</summary>
    public static string ExplainJson(string message)
    {
        if (CouldNotConvert().Match(message) is { Success: true } convert)
        {
            // For a field of a record, System.Text.Json names the record rather than the field's type,
            // so only a primitive or collection type says what was expected.
            var kind = Kind(convert.Groups["type"].Value);
            return kind.StartsWith("an object", StringComparison.Ordinal)
                ? "has the wrong JSON type for this field; " + SeeSchema
                : $"has the wrong type: expected {kind}";
        }
        if (MissingRequired().Match(message) is { Success: true } required)
        {
            return $"required field(s) missing: {required.Groups["names"].Value}";
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var plain = cut > 0 ? message[..cut] : message;
        // Anything else still naming our or .NET's types is not shown.
        return plain.Contains("BilateralTimeline.", StringComparison.Ordinal) || plain.Contains("System.", StringComparison.Ordinal)
            ? "is not valid here; " + SeeSchema
            : plain;
    }

    /// <summary>What a value of a .NET type looks like in JSON or in a query string.</summary>
    private static string Kind(string type)
    {
        var t = type.Replace("System.Nullable`1[", "", StringComparison.Ordinal).Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', ']', '>');
        return t switch
        {
            _ when t.EndsWith("String", StringComparison.OrdinalIgnoreCase) => "a string",
            _ when t.Contains("Int", StringComparison.OrdinalIgnoreCase) || t.EndsWith("long", StringComparison.Ordinal) || t.EndsWith("short", StringComparison.Ordinal) => "a whole number",
            _ when t.Contains("Double", StringComparison.OrdinalIgnoreCase) || t.Contains("Decimal", StringComparison.OrdinalIgnoreCase) || t.Contains("Single", StringComparison.Ordinal) || t.EndsWith("float", StringComparison.Ordinal) => "a number",
            _ when t.Contains("Bool", StringComparison.OrdinalIgnoreCase) => "true or false",
            _ when t.Contains("DateOnly", StringComparison.Ordinal) => "a date (YYYY-MM-DD)",
            _ when t.Contains("DateTime", StringComparison.Ordinal) => "a time (ISO 8601, e.g. 2024-01-22T10:00:00Z)",
            _ when t.Contains("List", StringComparison.Ordinal) || t.Contains("[]", StringComparison.Ordinal) || t.Contains("Enumerable", StringComparison.Ordinal) || t.Contains("Array", StringComparison.Ordinal) => "an array",
            _ when IsEnum(t) => "one of the values listed for this field in /openapi/v1.json",
            _ => "an object (" + SeeSchema + ")",
        };
    }

    private static bool IsEnum(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("BilateralTimeline", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(typeName, throwOnError: false)).Any(type => type is { IsEnum: true });

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<where>[^.]+)\\.")]
    private static partial Regex NotProvided();

    [GeneratedRegex("^Expected a supported JSON media type but got \"(?<type>[^\"]*)\"")]
    private static partial Regex WrongMediaType();

    [GeneratedRegex("could not be converted to (?<type>[^ ]+?)\\.( Path:|$)")]
    private static partial Regex CouldNotConvert();

    [GeneratedRegex("missing required properties(?:, including the following)?: (?<names>[^.]+?)\\.?( Path:|$)")]
    private static partial Regex MissingRequired();
}
