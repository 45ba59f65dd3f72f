using System.Globalization;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>RFC 3339 in UTC with a Z and exactly three fractional digits, as STIX 2.1 timestamps are written.</summary>
public static class StixTime
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => Format(new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
