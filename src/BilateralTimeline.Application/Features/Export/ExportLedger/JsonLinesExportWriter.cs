using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BilateralTimeline.Application.Features.Export.ExportLedger;

/// <summary>One JSON object per claim per line (LF), with the CSV's columns as snake_case keys and the quotes as an array.</summary>
public static class JsonLinesExportWriter
{
    private const int FlushAt = 1 << 16;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Arabic and other non-Latin text stays readable instead of \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(LedgerExport export, Stream output, CancellationToken cancellationToken)
    {
        var newline = new byte[] { (byte)'\n' };
        var buffer = new ArrayBufferWriter<byte>(FlushAt * 2);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder, SkipValidation = true });
        foreach (var row in export.Rows())
        {
            JsonSerializer.Serialize(json, row, Options);
            json.Flush();
            json.Reset();
            buffer.Write(newline);
            if (buffer.WrittenCount >= FlushAt)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }
        }
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
