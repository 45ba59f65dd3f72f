using System.Globalization;
using System.Text.RegularExpressions;

namespace BilateralTimeline.Application.Validation;

/// <summary>
/// Valid time ("as of", a date) and transaction time ("known at", a date or an instant) as users type
/// them, read one way for the CLI's options and the API's query parameters, with errors naming the field.
/// </summary>
public static partial class TimeArguments
{
    /// <summary>YYYY-MM-DD; null when absent.</summary>
    public static DateOnly? Date(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }
        return TryDate(text) ?? throw new InputRejectedException(field, DateProblem(text));
    }

    /// <summary>YYYY-MM-DD, or null when <paramref name="text"/> is not one.</summary>
    public static DateOnly? TryDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Why <paramref name="text"/> is not a date, and how to write one.</summary>
    public static string DateProblem(string text) =>
        DateShape().IsMatch(text) ? $"'{text}' is not a date that exists; check day and month" : $"'{text}' is not a date; write YYYY-MM-DD";

    /// <summary>A bare date means the end of that day (UTC): "known at 2024-01-22" includes what was recorded that day.</summary>
    public static DateTimeOffset? Instant(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }
        throw new InputRejectedException(field, $"'{text}' is not a date (YYYY-MM-DD) or ISO 8601 timestamp (2024-01-22T10:00:00Z)");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateShape();
}
