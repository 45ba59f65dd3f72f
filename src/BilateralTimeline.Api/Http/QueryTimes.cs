using System.Globalization;
using System.Text.RegularExpressions;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Api.Http;

/// <summary>asOf and knownAt read exactly as the CLI's --as-of and --known-at, with errors naming the query parameter.</summary>
internal static partial class QueryTimes
{
    public static DateOnly? Date(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        throw new InputRejectedException(parameter, DateShape().IsMatch(text) ? $"'{text}' is not a date that exists; check day and month" : $"'{text}' is not a date; write YYYY-MM-DD");
    }

    /// <summary>A bare date means the end of that day (UTC), as on the command line.</summary>
    public static DateTimeOffset? Instant(string? text, string parameter)
    {
        if (string.IsNullOrEmpty(text))
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
        throw new InputRejectedException(parameter, $"'{text}' is not a date (YYYY-MM-DD) or ISO 8601 timestamp (2024-01-22T10:00:00Z)");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateShape();
}
