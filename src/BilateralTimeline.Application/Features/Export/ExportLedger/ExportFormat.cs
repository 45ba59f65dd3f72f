using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

public enum ExportFormat { Csv, Jsonl, Stix, ProvJson, ProvTtl }

public static class ExportFormats
{
    public const string Choices = "csv, jsonl, stix, prov-json or prov-ttl";

    /// <summary>Reads the format as the CLI and the API take it.</summary>
    public static ExportFormat Parse(string? text, string field) => text?.Trim().ToLowerInvariant() switch
    {
        "csv" => ExportFormat.Csv,
        "jsonl" => ExportFormat.Jsonl,
        "stix" => ExportFormat.Stix,
        "prov-json" => ExportFormat.ProvJson,
        "prov-ttl" => ExportFormat.ProvTtl,
        null or "" => throw new InputRejectedException(field, $"give the export format: {Choices}"),
        _ => throw new InputRejectedException(field, $"unknown export format '{text}'; choose {Choices}"),
    };

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8; header=present",
        ExportFormat.Jsonl => "application/x-ndjson; charset=utf-8",
        ExportFormat.ProvJson => "application/json; charset=utf-8",
        ExportFormat.ProvTtl => "text/turtle; charset=utf-8",
        _ => "application/stix+json;version=2.1",
    };

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Jsonl => "jsonl",
        ExportFormat.ProvJson => "prov.json",
        ExportFormat.ProvTtl => "prov.ttl",
        _ => "stix.json",
    };

    /// <summary>Streams the export to <paramref name="output"/> with asynchronous writes only, so it can be an HTTP response body.</summary>
    public static Task WriteAsync(LedgerExport export, ExportFormat format, Stream output, CancellationToken cancellationToken) => format switch
    {
        ExportFormat.Csv => CsvExportWriter.WriteAsync(export, output, cancellationToken),
        ExportFormat.Jsonl => JsonLinesExportWriter.WriteAsync(export, output, cancellationToken),
        ExportFormat.ProvJson => ProvJsonExportWriter.WriteAsync(export, output, cancellationToken),
        ExportFormat.ProvTtl => ProvTurtleExportWriter.WriteAsync(export, output, cancellationToken),
        _ => StixExportWriter.WriteAsync(export, output, cancellationToken),
    };
}
