using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Api.Http;

/// <summary>asOf and knownAt read exactly as the CLI's --as-of and --known-at; an empty parameter counts as absent.</summary>
internal static class QueryTimes
{
    public static DateOnly? Date(string? text, string parameter) => TimeArguments.Date(string.IsNullOrEmpty(text) ? null : text, parameter);

    public static DateTimeOffset? Instant(string? text, string parameter) => TimeArguments.Instant(string.IsNullOrEmpty(text) ? null : text, parameter);
}
