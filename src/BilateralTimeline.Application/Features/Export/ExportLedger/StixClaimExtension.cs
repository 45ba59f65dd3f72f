using System.Text.Json;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// The extension-definition (STIX 2.1 §7.3) that makes <c>x-bt-claim</c> a new SDO the way 2.1 asks:
/// §11.1 custom objects are deprecated in favour of extensions, so every claim names this definition
/// in its <c>extensions</c> with <c>extension_type: new-sdo</c>. Its id, times and text are fixed: a
/// change to the claim's properties is a new <see cref="Version"/> and a new <see cref="Modified"/>.
/// </summary>
public static class StixClaimExtension
{
    public const string Version = "1.0.0";

    public const string Created = "2023-01-01T00:00:00.000Z";

    public const string Modified = "2023-01-01T00:00:00.000Z";

    public static readonly string Id = StixIds.Of("extension-definition", $"extension-definition:{StixExportWriter.ClaimType}");

    /// <summary>The normative definition, as plain text (§7.3 allows a URL or text); docs/export.md says the same at more length.</summary>
    public const string Schema =
        "x-bt-claim: one claim read in a news article, as recorded in a BilateralTimeline ledger. The STIX 2.1 common properties; "
        + "created = when the claim was recorded, modified = its last correction, revoked = retracted; confidence 0-100 from the Admiralty grade. "
        + "Properties: name (string, the claim id, required), summary (string, required), kind (string, the bt claim kind), cameo_code (string), "
        + "goldstein (number, -10..10), modality (asserted|reported|opinion|unconfirmed|denial), status (live|retracted|superseded), "
        + "grade (string, Admiralty reliability A-F and credibility 1-6, e.g. B2), interval_start and interval_end (timestamps, first and last possible day), "
        + "precision (instant|day|week|month|quarter|year|unknown), date_phrase (string), quotes (list of {start, end, text}: UTF-16 offsets into the source text, end exclusive), "
        + "source_ref (identifier of the report the claim was read in), attributed_to_refs (identifiers of the identities of its attribution chain), "
        + "external_references (source_name bt: the ledger position and event).";

    public static void WriteExtensionsOf(Utf8JsonWriter json)
    {
        json.WriteStartObject("extensions");
        json.WriteStartObject(Id);
        json.WriteString("extension_type", "new-sdo");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteDefinition(Utf8JsonWriter json, string createdByRef)
    {
        json.WriteStartObject();
        json.WriteString("type", "extension-definition");
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", Id);
        json.WriteString("created_by_ref", createdByRef);
        json.WriteString("created", Created);
        json.WriteString("modified", Modified);
        json.WriteString("name", "BilateralTimeline claim (x-bt-claim)");
        json.WriteString("description", "A claim read in a news article about two countries: its quote and offsets, kind and CAMEO code, interval and precision, grades and status.");
        json.WriteString("schema", Schema);
        json.WriteString("version", Version);
        json.WriteStartArray("extension_types");
        json.WriteStringValue("new-sdo");
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
