using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace BilateralTimeline.Application.Dates;

/// <summary>
/// Turns a source's clock time ("08:00 in Tehran") into an instant with the offset that was in force
/// there on that day, from the IANA database: Asia/Tehran kept daylight saving time until 2022, so the
/// same wall-clock time maps to +04:30 in June 2021 and +03:30 in June 2023.
/// </summary>
public static class ZonedTimes
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss");
    private static readonly LocalDateTimePattern LocalMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <summary>The outcome: the instant, its local date, and a finding when the local time was ambiguous.</summary>
    public sealed record Reading(DateTimeOffset Instant, DateOnly LocalDate, string? Finding);

    public static bool IsKnownZone(string zone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;

    /// <summary>
    /// Reads <paramref name="text"/> as either an ISO 8601 timestamp with an offset, or a local date-time
    /// in <paramref name="zone"/>. Returns null with an error message when it cannot be read.
    /// </summary>
    public static Reading? Read(string text, string? zone, out string? error)
    {
        error = null;
        if (zone is null)
        {
            if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamped))
            {
                return new Reading(stamped, DateOnly.FromDateTime(stamped.DateTime), null);
            }
            error = $"'{text}' has no offset and no zone: give an offset (2024-05-19T13:30:00+03:30) or a time zone such as Asia/Tehran";
            return null;
        }
        var tz = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone);
        if (tz is null)
        {
            error = $"'{zone}' is not an IANA time zone; use e.g. Asia/Tehran, Asia/Baku, UTC";
            return null;
        }
        var parsed = Local.Parse(text);
        if (!parsed.Success)
        {
            parsed = LocalMinutes.Parse(text);
        }
        if (!parsed.Success)
        {
            error = $"'{text}' is not a local date-time; write 2024-05-19T13:30 (the zone gives the offset)";
            return null;
        }
        var mapping = tz.MapLocal(parsed.Value);
        switch (mapping.Count)
        {
            case 0:
                error = $"{text} did not exist in {zone}: the clocks jumped over it that day";
                return null;
            case 1:
                return new Reading(mapping.Single().ToDateTimeOffset(), DateOnly.FromDateTime(parsed.Value.ToDateTimeUnspecified()), null);
            default:
                // Kept with the earlier reading, and said: the clocks went back and the time happened twice.
                var first = mapping.First().ToDateTimeOffset();
                var last = mapping.Last().ToDateTimeOffset();
                return new Reading(first, DateOnly.FromDateTime(parsed.Value.ToDateTimeUnspecified()), $"{text} happened twice in {zone} (clocks went back): {first:HH:mm zzz} or {last:HH:mm zzz}; the earlier is kept");
        }
    }
}
