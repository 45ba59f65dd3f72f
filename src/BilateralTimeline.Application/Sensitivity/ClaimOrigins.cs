using BilateralTimeline.Domain.Claims;

namespace BilateralTimeline.Application.Sensitivity;

/// <summary>
/// The origins a claim rests on, for <c>--without-origin</c>: the outlet that published its source and
/// every identified outlet, agency, speaker or organisation of its attribution chain. The chain's
/// source link is the article itself (left out with <c>--without-source</c>) and an unnamed link
/// identifies nobody, so neither is an origin. Names compare trimmed and without case, as
/// <see cref="Projections.OccurrenceConfidence"/> compares agencies.
/// </summary>
public static class ClaimOrigins
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static IEnumerable<(string Name, string Kind)> Of(ClaimRecorded claim, string? sourceOutlet)
    {
        if (!string.IsNullOrWhiteSpace(sourceOutlet))
        {
            yield return (sourceOutlet.Trim(), "outlet");
        }
        foreach (var link in claim.Attribution)
        {
            if (link.Kind is not (AttributionKind.Source or AttributionKind.Unnamed) && !string.IsNullOrWhiteSpace(link.Name))
            {
                yield return (link.Name.Trim(), Serialization.Kebab.Format(link.Kind));
            }
        }
    }
}
