namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>The PROV-DM record kinds an export emits; PROV-JSON groups by them, so their order is the file's order.</summary>
public enum ProvKind
{
    Entity,
    Activity,
    Agent,
    WasGeneratedBy,
    Used,
    WasInvalidatedBy,
    WasDerivedFrom,
    WasRevisionOf,
    WasAttributedTo,
    WasAssociatedWith,
    ActedOnBehalfOf,
}

/// <summary>A qualified name (<c>bt:claim-…</c>, <c>prov:Person</c>) as opposed to a string literal.</summary>
public sealed record ProvName(string Value);

/// <summary>An instant, written as xsd:dateTime in UTC.</summary>
public sealed record ProvTime(DateTimeOffset Value);

/// <summary>
/// One PROV statement. For elements, <paramref name="Id"/> is the element; for relations it is the
/// relation's own id and <paramref name="Subject"/>/<paramref name="Object"/> are its two ends
/// (entity/activity, generated/used entity, delegate/responsible). Attribute values are strings,
/// ints, <see cref="ProvName"/> or <see cref="ProvTime"/>.
/// </summary>
public sealed record ProvStatement(
    ProvKind Kind,
    string Id,
    string? Subject,
    string? Object,
    IReadOnlyList<KeyValuePair<string, object>> Attributes)
{
    public static ProvStatement Element(ProvKind kind, string id, params KeyValuePair<string, object>[] attributes) => new(kind, id, null, null, attributes);

    public static ProvStatement Relation(ProvKind kind, string id, string subject, string @object, params KeyValuePair<string, object>[] attributes) => new(kind, id, subject, @object, attributes);

    public static KeyValuePair<string, object> A(string name, object value) => new(name, value);
}
