using System.Globalization;
using System.Text;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>
/// RFC 4180: a header row, CRLF after every record, a field quoted when it holds a comma, quote, CR or
/// LF, quotes inside doubled. UTF-8 without a byte-order mark; Arabic is written as it is.
/// </summary>
public static class CsvExportWriter
{
    private static readonly (string Name, Func<ExportRow, string?> Value)[] Columns =
    [
        ("claim_id", r => r.ClaimId),
        ("occurrence_id", r => r.OccurrenceId),
        ("date_from", r => r.DateFrom),
        ("date_to", r => r.DateTo),
        ("date_phrase", r => r.DatePhrase),
        ("precision", r => r.Precision),
        ("kind", r => r.Kind),
        ("cameo_code", r => r.CameoCode),
        ("goldstein", r => r.Goldstein.ToString("0.0", CultureInfo.InvariantCulture)),
        ("summary", r => r.Summary),
        ("modality", r => r.Modality),
        ("actor1", r => r.Actor1),
        ("actor1_country", r => r.Actor1Country),
        ("actor2", r => r.Actor2),
        ("actor2_country", r => r.Actor2Country),
        ("actors", r => r.Actors),
        ("countries", r => r.Countries),
        ("place", r => r.Place),
        ("source_id", r => r.SourceId),
        ("outlet", r => r.Outlet),
        ("source_title", r => r.SourceTitle),
        ("source_url", r => r.SourceUrl),
        ("source_published", r => r.SourcePublished),
        ("source_language", r => r.SourceLanguage),
        ("origin", r => r.Origin),
        ("reliability", r => r.Reliability),
        ("credibility", r => r.Credibility.ToString(CultureInfo.InvariantCulture)),
        ("likelihood", r => r.Likelihood),
        ("grade", r => r.Grade),
        ("confidence", r => r.Confidence.ToString(CultureInfo.InvariantCulture)),
        ("status", r => r.Status),
        ("superseded_by", r => r.SupersededBy),
        ("corroborated_by", r => r.CorroboratedBy),
        ("contradicted_by", r => r.ContradictedBy),
        ("quote", r => string.Join(" | ", r.Quotes.Select(q => q.Text))),
        ("quote_offsets", r => string.Join(";", r.Quotes.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Start}-{q.End}")))),
        ("source_sha256", r => r.SourceSha256),
        ("position", r => r.Position.ToString(CultureInfo.InvariantCulture)),
        ("event_id", r => r.EventId),
        ("recorded", r => r.Recorded),
        ("recorded_by", r => r.RecordedBy),
        ("positions", r => r.Positions),
    ];

    public static IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);

    public static async Task WriteAsync(LedgerExport export, Stream output, CancellationToken cancellationToken)
    {
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder();
            await writer.WriteAsync(Record(line, Columns.Select(c => c.Name)), cancellationToken).ConfigureAwait(false);
            foreach (var row in export.Rows())
            {
                await writer.WriteAsync(Record(line, Columns.Select(c => c.Value(row))), cancellationToken).ConfigureAwait(false);
            }
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static StringBuilder Record(StringBuilder line, IEnumerable<string?> fields)
    {
        line.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }
            first = false;
            Field(line, field ?? "");
        }
        return line.Append("\r\n");
    }

    private static void Field(StringBuilder line, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }
        line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
