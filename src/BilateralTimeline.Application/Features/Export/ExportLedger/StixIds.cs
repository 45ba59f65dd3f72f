namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// STIX ids (<c>type--uuid</c>) derived from what an object stands for, never from the clock, so
/// the same ledger exports to the same bytes. A claim's and a source's ids come from their event ids.
/// </summary>
public static class StixIds
{
    public static string Of(string type, string name) => $"{type}--{UuidV5.Create(UuidV5.BilateralTimeline, name)}";

    public static string Claim(Guid eventId) => Of(StixExportWriter.ClaimType, eventId.ToString("D"));

    public static string Report(Guid sourceEventId) => Of("report", sourceEventId.ToString("D"));

    public static string Identity(string identityClass, string name) => Of("identity", $"identity:{identityClass}:{name}");

    public static readonly string Bt = Of("identity", "identity:system:bt");
}
