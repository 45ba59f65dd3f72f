using System.Text.Json;
using System.Text.Json.Serialization;
using BilateralTimeline.Application.Input;
using BilateralTimeline.Application.Validation;

namespace BilateralTimeline.Application.Features.Import.ImportLedgerFile;

/// <summary>
/// Reads an import file and the source texts it points to (only from its own folder, see
/// <see cref="ImportFolder"/>). Refuses oversized files, and reports malformed JSON with line and
/// column, and unknown or repeated fields with their path.
/// </summary>
public static class ImportDocumentReader
{
    /// <summary>Large enough for hundreds of articles' claims; a bigger file is almost surely a mistake.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    private static readonly JsonSerializerOptions Strict = CreateOptions();

    public static ImportLedgerFile Read(string path, string recordedBy)
    {
        var full = Path.GetFullPath(path);
        ImportDocument? document;
        // The bytes are needed only while they are parsed: strings are copied out of them.
        using (var bytes = ReadLimited(full, "file"))
        {
            document = Parse(bytes.Bytes, path);
        }
        if (document is null)
        {
            throw new InputRejectedException("file", $"{path} holds JSON null; expected an object with dyad, sources and claims");
        }
        var folder = new ImportFolder(full);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        var sources = document.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            if (source?.TextFile is { Length: > 0 } textFile && source.Id is { Length: > 0 } id)
            {
                try
                {
                    texts[id] = folder.ReadText(textFile, $"sources[{i}].textFile", MaxFileBytes);
                }
                catch (InputRejectedException e)
                {
                    errors.AddRange(e.Errors);
                }
            }
        }
        // Checked before any other rule: a quote or a SHA-256 checked against a refused file would tell what it holds.
        if (errors.Count > 0)
        {
            throw new InputRejectedException($"{path}: source texts could not be read", errors);
        }
        return new ImportLedgerFile(document, texts, full, recordedBy);
    }

    private static ImportDocument? Parse(ReadOnlySpan<byte> bytes, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ImportDocument>(bytes, Strict);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "unknown position";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
            throw new InputRejectedException($"{path}: not a valid import file", [new FieldError(field, $"{Explain(e)} at {where}")]);
        }
    }

    private static BoundedRead.Rented ReadLimited(string path, string field)
    {
        if (Directory.Exists(path))
        {
            throw new InputRejectedException(field, $"'{path}' is a directory, not a file");
        }
        if (!File.Exists(path))
        {
            throw new InputRejectedException(field, $"'{path}' does not exist");
        }
        // The import file itself is the user's own choice and may be a pipe (bt import <(…)); only its size is bounded.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return BoundedRead.Rent(handle, field, path, MaxFileBytes);
    }

    private static string Explain(JsonException e)
    {
        var message = e.Message;
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            var name = System.Text.RegularExpressions.Regex.Match(message, "property '([^']*)'").Groups[1].Value;
            return $"'{name}' is given twice in the same object; keep one (a JSON reader would otherwise silently take the last)";
        }
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
            AllowDuplicateProperties = false,
            ReadCommentHandling = JsonCommentHandling.Skip,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
