using System.Globalization;
using BilateralTimeline.Application.Validation;
using Microsoft.AspNetCore.Http;

namespace BilateralTimeline.Api.Http;

/// <summary>
/// The dyad ledger's stream revision travels as an entity tag: ETag "17" on responses, If-Match "17"
/// on writes (If-Match: * or none means "whatever it is now").
/// </summary>
internal static class Revisions
{
    public static string ETag(long revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    public static long? Expected(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var revision) && revision >= -1)
        {
            return revision;
        }
        throw new InputRejectedException("If-Match", $"'{header}' is not a ledger revision; send the ETag of your last read, e.g. If-Match: \"17\" (\"-1\" for a dyad with nothing recorded)");
    }
}
