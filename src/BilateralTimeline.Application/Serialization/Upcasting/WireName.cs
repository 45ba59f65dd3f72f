using System.Globalization;

namespace BilateralTimeline.Application.Serialization.Upcasting;

/// <summary>
/// An event's stored type split into its name and version: "claim-recorded/v1" is ("claim-recorded", 1).
/// A type without a "/vN" suffix was not written by bt and has no version.
/// </summary>
public readonly record struct WireName(string Name, int? Version)
{
    public static WireName Parse(string wireName)
    {
        var slash = wireName.LastIndexOf("/v", StringComparison.Ordinal);
        return slash > 0 && int.TryParse(wireName.AsSpan(slash + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? new WireName(wireName[..slash], version)
            : new WireName(wireName, null);
    }

    public override string ToString() => Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"{Name}/v{v}") : Name;
}
