using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// W3C PROV-JSON (the W3C member submission python-prov reads): one object per record kind, each
/// filled by its own pass over the lazily built graph, so the output is streamed, never held whole.
/// </summary>
public static class ProvJsonExportWriter
{
    private const int FlushAt = 1 << 16;

    /// <summary>PROV-JSON has no revision key: a revision is a derivation typed prov:Revision.</summary>
    private static readonly (string Key, ProvKind[] Kinds)[] Groups =
    [
        ("entity", [ProvKind.Entity]),
        ("activity", [ProvKind.Activity]),
        ("agent", [ProvKind.Agent]),
        ("wasGeneratedBy", [ProvKind.WasGeneratedBy]),
        ("used", [ProvKind.Used]),
        ("wasInvalidatedBy", [ProvKind.WasInvalidatedBy]),
        ("wasDerivedFrom", [ProvKind.WasDerivedFrom, ProvKind.WasRevisionOf]),
        ("wasAttributedTo", [ProvKind.WasAttributedTo]),
        ("wasAssociatedWith", [ProvKind.WasAssociatedWith]),
        ("actedOnBehalfOf", [ProvKind.ActedOnBehalfOf]),
    ];

    public static async Task WriteAsync(LedgerExport export, Stream output, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false });
        json.WriteStartObject();
        json.WriteStartObject("prefix");
        json.WriteString("bt", ProvIds.Namespace);
        json.WriteEndObject();
        // The claims are picked from the timeline once (references into the ledger, not output); each
        // group's pass re-walks them rather than re-reading the timeline's pages.
        var claims = export.Claims().ToList();
        foreach (var (key, kinds) in Groups)
        {
            json.WriteStartObject(key);
            foreach (var statement in ProvGraph.Statements(export, claims).Where(s => kinds.Contains(s.Kind)))
            {
                Write(json, statement);
                json.Flush();
                if (buffer.WrittenCount >= FlushAt)
                {
                    await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    buffer.Clear();
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter json, ProvStatement s)
    {
        json.WriteStartObject(s.Id);
        if (s.Subject is not null && s.Object is not null)
        {
            var (subject, @object) = Ends(s.Kind);
            json.WriteString(subject, s.Subject);
            json.WriteString(@object, s.Object);
        }
        if (s.Kind == ProvKind.WasRevisionOf)
        {
            WriteTyped(json, "prov:type", new ProvName("prov:Revision"));
        }
        foreach (var (name, value) in s.Attributes)
        {
            switch (value)
            {
                // The relation and activity slots take bare strings in PROV-JSON, not typed literals.
                case ProvTime time when name is "prov:time" or "prov:startTime" or "prov:endTime":
                    json.WriteString(name, StixTime.Format(time.Value));
                    break;
                case ProvName id when name is "prov:activity":
                    json.WriteString(name, id.Value);
                    break;
                default:
                    WriteTyped(json, name, value);
                    break;
            }
        }
        json.WriteEndObject();
    }

    private static void WriteTyped(Utf8JsonWriter json, string name, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteString(name, text);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case ProvName qualified:
                json.WriteStartObject(name);
                json.WriteString("$", qualified.Value);
                json.WriteString("type", "prov:QUALIFIED_NAME");
                json.WriteEndObject();
                break;
            case ProvTime time:
                json.WriteStartObject(name);
                json.WriteString("$", StixTime.Format(time.Value));
                json.WriteString("type", "xsd:dateTime");
                json.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"no PROV-JSON form for {value.GetType().Name}");
        }
    }

    private static (string Subject, string Object) Ends(ProvKind kind) => kind switch
    {
        ProvKind.WasGeneratedBy or ProvKind.WasInvalidatedBy => ("prov:entity", "prov:activity"),
        ProvKind.Used => ("prov:activity", "prov:entity"),
        ProvKind.WasDerivedFrom or ProvKind.WasRevisionOf => ("prov:generatedEntity", "prov:usedEntity"),
        ProvKind.WasAttributedTo => ("prov:entity", "prov:agent"),
        ProvKind.WasAssociatedWith => ("prov:activity", "prov:agent"),
        ProvKind.ActedOnBehalfOf => ("prov:delegate", "prov:responsible"),
        _ => throw new InvalidOperationException($"{kind} is not a relation"),
    };
}
