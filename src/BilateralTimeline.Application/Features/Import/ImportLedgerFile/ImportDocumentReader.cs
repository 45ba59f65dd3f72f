using System.Text.Json;
using System.Text.Json.Serialization;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Reads an import file and the source texts it points to. Refuses oversized files before reading
/// them, and reports malformed JSON with line and column and unknown fields with their path.
/// </summary>
public static class ImportDocumentReader
{
    /// <summary>Large enough for hundreds of articles' claims; a bigger file is almost surely a mistake.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private static readonly JsonSerializerOptions Strict = CreateOptions();

    public static ImportLedgerFile Read(string path, string recordedBy)
    {
        var full = Path.GetFullPath(path);
        var bytes = ReadLimited(full, "file");
        ImportDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<ImportDocument>(bytes, Strict);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "unknown position";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
            throw new InputRejectedException($"{path}: not a valid import file", [new FieldError(field, $"{Explain(e)} at {where}")]);
        }
        if (document is null)
        {
            throw new InputRejectedException("file", $"{path} holds JSON null; expected an object with dyad, sources and claims");
        }
        var baseDirectory = Path.GetDirectoryName(full)!;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var sources = document.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (source?.TextFile is { Length: > 0 } textFile && source.Id is { Length: > 0 } id)
            {
                var textPath = Path.GetFullPath(Path.Combine(baseDirectory, textFile));
                try
                {
                    texts[id] = System.Text.Encoding.UTF8.GetString(ReadLimited(textPath, $"sources[{i}].textFile"));
                }
                catch (InputRejectedException e)
                {
                    errors.AddRange(e.Errors);
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException($"{path}: source texts could not be read", errors);
        }
        return new ImportLedgerFile(document, texts, full, recordedBy);
    }

    private static byte[] ReadLimited(string path, string field)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new InputRejectedException(field, $"'{path}' is a directory, not a file");
        }
        if (!info.Exists)
        {
            throw new InputRejectedException(field, $"'{path}' does not exist");
        }
        if (info.Length > MaxFileBytes)
        {
            throw new InputRejectedException(field, $"'{path}' is {info.Length / (1024.0 * 1024):0.#} MB; the limit is {MaxFileBytes / (1024 * 1024)} MB: split it into one file per source");
        }
        return File.ReadAllBytes(path);
    }

    private static string Explain(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var name = System.Text.RegularExpressions.Regex.Match(message, "property '([^']*)'").Groups[1].Value;
            return $"unknown field '{name}': it is not part of the import format (docs/import.schema.json lists the fields allowed here)";
        }
        var typeMention = message.IndexOf(" to type ", StringComparison.Ordinal);
        if (typeMention > 0)
        {
            message = message[..typeMention] + ".";
        }
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
