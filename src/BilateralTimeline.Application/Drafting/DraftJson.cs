using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BilateralTimeline.Application.Input;

namespace BilateralTimeline.Application.Drafting;

/// <summary>
/// A draft as an import file: camelCase like the format, absent fields left out, and Arabic written as
/// itself rather than as \u escapes, since the analyst reviews the file by reading it.
/// </summary>
public static class DraftJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public static string Serialize(ImportDocument draft) => JsonSerializer.Serialize(draft, Options);
}
