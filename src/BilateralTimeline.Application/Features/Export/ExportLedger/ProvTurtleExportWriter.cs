using System.Globalization;
using System.Text;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// PROV-O in Turtle: the graph ProvGraph builds, one subject block per statement, written in chunks
/// as it is produced. Derivations with offsets and revisions also get their qualified form so the
/// offsets and the correcting activity survive in RDF.
/// </summary>
public static class ProvTurtleExportWriter
{
    private const int FlushAt = 1 << 16;

    private const string Prefixes = """
        @prefix prov: <http://www.w3.org/ns/prov#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

        """;

    public static async Task WriteAsync(LedgerExport export, Stream output, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(FlushAt * 2);
        text.Append(Prefixes.ReplaceLineEndings("\n"));
        text.Append("@prefix bt: <").Append(ProvIds.Namespace).Append("> .\n\n");
        foreach (var statement in ProvGraph.Statements(export))
        {
            Write(text, statement);
            if (text.Length >= FlushAt)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
                text.Clear();
            }
        }
        await output.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Write(StringBuilder t, ProvStatement s)
    {
        switch (s.Kind)
        {
            case ProvKind.Entity or ProvKind.Activity or ProvKind.Agent:
                WriteElement(t, s);
                break;
            case ProvKind.WasGeneratedBy:
                t.Append(s.Subject).Append(" prov:wasGeneratedBy ").Append(s.Object);
                AppendTime(t, s, "prov:generatedAtTime");
                t.Append(" .\n");
                break;
            case ProvKind.Used:
                t.Append(s.Subject).Append(" prov:used ").Append(s.Object).Append(" .\n");
                break;
            case ProvKind.WasInvalidatedBy:
                t.Append(s.Subject).Append(" prov:wasInvalidatedBy ").Append(s.Object);
                AppendTime(t, s, "prov:invalidatedAtTime");
                t.Append(" .\n");
                break;
            case ProvKind.WasDerivedFrom:
                t.Append(s.Subject).Append(" prov:wasDerivedFrom ").Append(s.Object);
                if (s.Attributes.Count > 0)
                {
                    t.Append(" ;\n    prov:qualifiedDerivation [ a prov:Derivation ; prov:entity ").Append(s.Object);
                    foreach (var (name, value) in s.Attributes)
                    {
                        t.Append(" ; ").Append(name).Append(' ');
                        AppendValue(t, value);
                    }
                    t.Append(" ]");
                }
                t.Append(" .\n");
                break;
            case ProvKind.WasRevisionOf:
                t.Append(s.Subject).Append(" prov:wasRevisionOf ").Append(s.Object)
                    .Append(" ;\n    prov:qualifiedRevision [ a prov:Revision ; prov:entity ").Append(s.Object);
                if (Attribute(s, "prov:activity") is ProvName activity)
                {
                    t.Append(" ; prov:hadActivity ").Append(activity.Value);
                }
                t.Append(" ] .\n");
                break;
            case ProvKind.WasAttributedTo:
                t.Append(s.Subject).Append(" prov:wasAttributedTo ").Append(s.Object).Append(" .\n");
                break;
            case ProvKind.WasAssociatedWith:
                t.Append(s.Subject).Append(" prov:wasAssociatedWith ").Append(s.Object).Append(" .\n");
                break;
            case ProvKind.ActedOnBehalfOf:
                t.Append(s.Subject).Append(" prov:actedOnBehalfOf ").Append(s.Object).Append(" .\n");
                break;
        }
    }

    private static void WriteElement(StringBuilder t, ProvStatement s)
    {
        t.Append('\n').Append(s.Id).Append(" a prov:").Append(s.Kind.ToString());
        foreach (var (name, value) in s.Attributes)
        {
            if (name == "prov:type")
            {
                t.Append(", ").Append(((ProvName)value).Value);
            }
        }
        foreach (var (name, value) in s.Attributes)
        {
            var predicate = name switch
            {
                "prov:type" => null,
                "prov:label" => "rdfs:label",
                "prov:startTime" => "prov:startedAtTime",
                "prov:endTime" => "prov:endedAtTime",
                _ => name,
            };
            if (predicate is not null)
            {
                t.Append(" ;\n    ").Append(predicate).Append(' ');
                AppendValue(t, value);
            }
        }
        t.Append(" .\n");
    }

    private static void AppendTime(StringBuilder t, ProvStatement s, string predicate)
    {
        if (Attribute(s, "prov:time") is ProvTime time)
        {
            // The qualified time belongs to the entity; each is generated or invalidated once.
            t.Append(" .\n").Append(s.Subject).Append(' ').Append(predicate).Append(' ');
            AppendValue(t, time);
        }
    }

    private static object? Attribute(ProvStatement s, string name) => s.Attributes.FirstOrDefault(a => a.Key == name).Value;

    private static void AppendValue(StringBuilder t, object value)
    {
        switch (value)
        {
            case string text:
                AppendString(t, text);
                break;
            case int number:
                t.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number:
                t.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case ProvName name:
                t.Append(name.Value);
                break;
            case ProvTime time:
                t.Append('"').Append(StixTime.Format(time.Value)).Append("\"^^xsd:dateTime");
                break;
            default:
                throw new InvalidOperationException($"no Turtle form for {value.GetType().Name}");
        }
    }

    /// <summary>A Turtle STRING_LITERAL_QUOTE: backslash, quote and line breaks escaped, other text as UTF-8.</summary>
    private static void AppendString(StringBuilder t, string text)
    {
        t.Append('"');
        foreach (var ch in text)
        {
            _ = ch switch
            {
                '\\' => t.Append("\\\\"),
                '"' => t.Append("\\\""),
                '\n' => t.Append("\\n"),
                '\r' => t.Append("\\r"),
                '\t' => t.Append("\\t"),
                < ' ' => t.Append("\\u").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture)),
                _ => t.Append(ch),
            };
        }
        t.Append('"');
    }
}
