namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// PROV ids in the bt namespace (<c>bt:claim-UUID</c>), each a UUIDv5 of what the node stands for
/// (mostly an event id), never of the clock or of a counter, so a re-export is byte-identical.
/// </summary>
public static class ProvIds
{
    /// <summary>The namespace the <c>bt:</c> prefix stands for in PROV-JSON and Turtle; fixed, or every id would change.</summary>
    public const string Namespace = "urn:x-bt:";

    public static string Of(string kind, string name) => $"bt:{kind}-{UuidV5.Create(UuidV5.BilateralTimeline, $"prov:{kind}:{name}")}";

    public static string Claim(Guid eventId) => Of("claim", eventId.ToString("D"));

    public static string Source(Guid eventId) => Of("source", eventId.ToString("D"));

    public static string Quote(Guid claimEventId, int index) => Of("quote", $"{claimEventId:D}:{index}");

    public static string Recording(Guid eventId) => Of("recording", eventId.ToString("D"));

    public static string Correction(Guid eventId) => Of("correction", eventId.ToString("D"));

    public static string Revision(Guid changeEventId, Guid claimEventId) => Of("revision", $"{changeEventId:D}:{claimEventId:D}");

    public static string Agent(string role, string name) => Of("agent", $"{role}:{name}");

    /// <summary>A relation's id comes from its kind and its two ends, which a graph never repeats.</summary>
    public static string Relation(ProvKind kind, string subject, string @object) => Of("rel", $"{kind}:{subject}:{@object}");
}
