using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using BilateralTimeline.Application.Projections;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Scoring;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// A STIX 2.1 bundle: the bt identity, the extension-definition of <c>x-bt-claim</c>, an identity per
/// outlet, agency and person, an <c>x-bt-claim</c> per claim, a report per source and relationships for
/// corroborates, contradicts, supersedes and derived-from. Every timestamp and id comes from the ledger, so a re-export is byte-identical.
/// </summary>
public static class StixExportWriter
{
    public const string ClaimType = "x-bt-claim";

    private const int FlushAt = 1 << 16;

    /// <summary>The bt identity has no event behind it; a fixed instant keeps its bytes stable.</summary>
    private static readonly string BtCreated = "2023-01-01T00:00:00.000Z";

    public static async Task WriteAsync(LedgerExport export, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var claims = export.Claims().ToList();
        var exported = claims.ToDictionary(c => c.Claim.ClaimId, StringComparer.Ordinal);
        var identities = StixIdentities.Collect(export, claims);

        json.WriteStartObject();
        json.WriteString("type", "bundle");
        json.WriteString("id", StixIds.Of("bundle", $"bundle:{export.Dyad}:{export.AsOf:yyyy-MM-dd}:{(export.KnownAt is { } k ? StixTime.Format(k) : "now")}:{export.View.LastPosition}"));
        json.WriteStartArray("objects");
        WriteBtIdentity(json);
        StixClaimExtension.WriteDefinition(json, StixIds.Bt);
        foreach (var identity in identities.All)
        {
            WriteIdentity(json, identity);
            await FlushIfFullAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
        }
        foreach (var claim in claims)
        {
            WriteClaim(json, export, claim, identities);
            await FlushIfFullAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
        }
        foreach (var group in claims.GroupBy(c => c.Claim.SourceId, StringComparer.Ordinal))
        {
            if (export.View.Sources.TryGetValue(group.Key, out var source))
            {
                WriteReport(json, source, group.ToList(), identities);
                await FlushIfFullAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
            }
        }
        foreach (var relationship in StixRelationships.Of(export.View, exported))
        {
            WriteRelationship(json, relationship);
            await FlushIfFullAsync(json, buffer, output, cancellationToken).ConfigureAwait(false);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task FlushIfFullAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Stream output, CancellationToken cancellationToken)
    {
        json.Flush();
        if (buffer.WrittenCount >= FlushAt)
        {
            await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            buffer.Clear();
        }
    }

    private static void Common(Utf8JsonWriter json, string type, string id, string created, string modified, bool createdByBt = true)
    {
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("spec_version", "2.1");
        json.WriteString("id", id);
        if (createdByBt)
        {
            json.WriteString("created_by_ref", StixIds.Bt);
        }
        json.WriteString("created", created);
        json.WriteString("modified", modified);
    }

    private static void WriteBtIdentity(Utf8JsonWriter json)
    {
        Common(json, "identity", StixIds.Bt, BtCreated, BtCreated, createdByBt: false);
        json.WriteString("name", "BilateralTimeline (bt)");
        json.WriteString("description", "The ledger that recorded these claims; every object's created_by_ref.");
        json.WriteString("identity_class", "system");
        json.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter json, StixIdentity identity)
    {
        var created = StixTime.Format(identity.FirstSeen);
        Common(json, "identity", identity.Id, created, created);
        json.WriteString("name", identity.Name);
        json.WriteString("identity_class", identity.Class);
        json.WriteStartArray("roles");
        json.WriteStringValue(identity.Role);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteClaim(Utf8JsonWriter json, LedgerExport export, ClaimView c, StixIdentities identities)
    {
        var claim = c.Claim;
        var created = StixTime.Format(c.Recorded);
        var modified = c.Changes.Count > 0 ? StixTime.Format(c.Changes.Max(x => x.Recorded)) : created;
        Common(json, ClaimType, StixIds.Claim(c.EventId), created, modified);
        StixClaimExtension.WriteExtensionsOf(json);
        if (c.Retracted)
        {
            json.WriteBoolean("revoked", true);
        }
        json.WriteNumber("confidence", ConfidenceScale.Score(c.Confidence));
        json.WriteString("name", claim.ClaimId);
        json.WriteString("summary", claim.Summary);
        json.WriteString("kind", claim.Kind);
        var kind = ClaimKinds.IsKnown(claim.Kind) ? ClaimKinds.Get(claim.Kind) : null;
        json.WriteString("cameo_code", kind is null ? "" : ClaimKinds.Code(claim.Kind, claim.Cameo));
        json.WriteNumber("goldstein", kind is null ? 0 : ClaimKinds.Goldstein(claim.Kind, claim.Cameo));
        json.WriteString("modality", Serialization.Kebab.Format(claim.Modality));
        json.WriteString("status", ExportRow.StatusOf(c));
        json.WriteString("grade", c.Confidence.Grade);
        WriteNullable(json, "interval_start", c.Occurred.Earliest is { } from ? StixTime.Format(from) : null);
        WriteNullable(json, "interval_end", c.Occurred.Latest is { } to ? StixTime.Format(to) : null);
        json.WriteString("precision", Serialization.Kebab.Format(c.Occurred.Precision));
        WriteNullable(json, "date_phrase", c.Occurred.Phrase);
        json.WriteStartArray("quotes");
        foreach (var quote in claim.Quotes)
        {
            json.WriteStartObject();
            json.WriteNumber("start", quote.Start);
            json.WriteNumber("end", quote.End);
            json.WriteString("text", quote.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (export.View.Sources.TryGetValue(claim.SourceId, out var source))
        {
            json.WriteString("source_ref", StixIds.Report(source.EventId));
        }
        var attributed = identities.AttributionOf(claim).ToList();
        if (attributed.Count > 0)
        {
            json.WriteStartArray("attributed_to_refs");
            foreach (var id in attributed)
            {
                json.WriteStringValue(id);
            }
            json.WriteEndArray();
        }
        json.WriteStartArray("external_references");
        json.WriteStartObject();
        json.WriteString("source_name", "bt");
        json.WriteString("external_id", claim.ClaimId);
        json.WriteString("description", $"{export.Dyad} ledger position {c.Position}, event {c.EventId:D}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteReport(Utf8JsonWriter json, SourceView source, IReadOnlyList<ClaimView> claims, StixIdentities identities)
    {
        var s = source.Source;
        var created = StixTime.Format(source.Recorded);
        Common(json, "report", StixIds.Report(source.EventId), created, created);
        json.WriteString("name", s.Title);
        json.WriteString("published", s.Published.Earliest is { } published ? StixTime.Format(published) : created);
        json.WriteString("lang", s.Language);
        json.WriteStartArray("report_types");
        json.WriteStringValue("news-article");
        json.WriteEndArray();
        json.WriteStartArray("object_refs");
        json.WriteStringValue(identities.Outlet(s.Outlet));
        foreach (var claim in claims)
        {
            json.WriteStringValue(StixIds.Claim(claim.EventId));
        }
        json.WriteEndArray();
        json.WriteStartArray("external_references");
        json.WriteStartObject();
        json.WriteString("source_name", s.Outlet);
        json.WriteString("external_id", s.SourceId);
        if (s.Url is { Length: > 0 } url)
        {
            json.WriteString("url", url);
        }
        json.WriteStartObject("hashes");
        json.WriteString("SHA-256", s.Sha256);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter json, StixRelationship r)
    {
        Common(json, "relationship", r.Id, StixTime.Format(r.Created), StixTime.Format(r.Modified));
        json.WriteString("relationship_type", r.Type);
        json.WriteString("source_ref", r.SourceRef);
        json.WriteString("target_ref", r.TargetRef);
        json.WriteString("description", r.Description);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
