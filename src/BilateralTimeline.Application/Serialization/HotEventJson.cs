using System.Globalization;
using System.Text.Json;
using BilateralTimeline.Domain;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Corrections;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Serialization;

/// <summary>
/// The events an import writes by the ten thousand (claims, their links, occurrences, corroborations and
/// confidence revisions), written field by field instead of through the serializer's metadata and
/// converters, which cost more per claim than building it. The bytes are the serializer's with
/// <see cref="LedgerJson.Options"/>: the same writer options, camelCase names in declaration order,
/// nulls left out, kebab-case enums, reliability as its letter, ISO dates. Stored bytes are hashed into
/// ids and the chain, so <c>HotEventJsonTests</c> holds this to the serializer on random events of every
/// type written here, and <c>ImportBytesTests</c> holds whole imports to their digests.
/// </summary>
internal static class HotEventJson
{
    /// <summary>Writes <paramref name="e"/> when it is of a type written here; false (nothing written) for any other.</summary>
    public static bool TryWrite(Utf8JsonWriter writer, ILedgerEvent e)
    {
        switch (e)
        {
            case ClaimRecorded c:
                Claim(writer, c);
                return true;
            case ClaimLinked l:
                Strings(writer, "claimId"u8, l.ClaimId, "occurrenceId"u8, l.OccurrenceId, "reason"u8, l.Reason);
                return true;
            case OccurrenceIdentified o:
                Strings(writer, "occurrenceId"u8, o.OccurrenceId, "title"u8, o.Title);
                return true;
            case ClaimsCorroborated r:
                Strings(writer, "claimId"u8, r.ClaimId, "otherClaimId"u8, r.OtherClaimId, "reason"u8, r.Reason);
                return true;
            case ConfidenceRevised r:
                writer.WriteStartObject();
                OptionalString(writer, "claimId"u8, r.ClaimId);
                OptionalConfidence(writer, "previous"u8, r.Previous);
                OptionalConfidence(writer, "revised"u8, r.Revised);
                OptionalString(writer, "reason"u8, r.Reason);
                writer.WriteEndObject();
                return true;
            default:
                return false;
        }
    }

    /// <summary>An event of two or three texts.</summary>
    private static void Strings(Utf8JsonWriter writer, ReadOnlySpan<byte> first, string? firstValue, ReadOnlySpan<byte> second, string? secondValue, ReadOnlySpan<byte> third = default, string? thirdValue = null)
    {
        writer.WriteStartObject();
        OptionalString(writer, first, firstValue);
        OptionalString(writer, second, secondValue);
        OptionalString(writer, third, thirdValue);
        writer.WriteEndObject();
    }

    private static void Claim(Utf8JsonWriter writer, ClaimRecorded c)
    {
        writer.WriteStartObject();
        OptionalString(writer, "claimId"u8, c.ClaimId);
        OptionalString(writer, "sourceId"u8, c.SourceId);
        OptionalString(writer, "kind"u8, c.Kind);
        OptionalString(writer, "summary"u8, c.Summary);
        writer.WriteString("modality"u8, Kebab.Name(c.Modality));
        Array(writer, "actors"u8, c.Actors, static (w, a) =>
        {
            w.WriteStartObject();
            OptionalString(w, "name"u8, a.Name);
            OptionalString(w, "role"u8, a.Role);
            OptionalString(w, "country"u8, a.Country);
            OptionalString(w, "title"u8, a.Title);
            w.WriteString("level"u8, Kebab.Name(a.Level));
            w.WriteEndObject();
        });
        OptionalString(writer, "place"u8, c.Place);
        if (c.Occurred is { } occurred)
        {
            Time(writer, "occurred"u8, occurred);
        }
        Array(writer, "attribution"u8, c.Attribution, static (w, a) =>
        {
            w.WriteStartObject();
            OptionalString(w, "name"u8, a.Name);
            w.WriteString("kind"u8, Kebab.Name(a.Kind));
            w.WriteEndObject();
        });
        Array(writer, "quotes"u8, c.Quotes, static (w, q) =>
        {
            w.WriteStartObject();
            w.WriteNumber("start"u8, q.Start);
            w.WriteNumber("end"u8, q.End);
            OptionalString(w, "text"u8, q.Text);
            w.WriteEndObject();
        });
        OptionalConfidence(writer, "confidence"u8, c.Confidence);
        Array(writer, "effects"u8, c.Effects, static (w, e) =>
        {
            w.WriteStartObject();
            OptionalString(w, "subject"u8, e.Subject);
            OptionalString(w, "status"u8, e.Status);
            w.WriteBoolean("crisis"u8, e.Crisis);
            w.WriteEndObject();
        });
        OptionalString(writer, "note"u8, c.Note);
        OptionalString(writer, "cameo"u8, c.Cameo);
        writer.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter writer, ReadOnlySpan<byte> name, UncertainTime time)
    {
        writer.WriteStartObject(name);
        OptionalString(writer, "phrase"u8, time.Phrase);
        OptionalString(writer, "language"u8, time.Language);
        Array(writer, "candidates"u8, time.Candidates, static (w, c) =>
        {
            w.WriteStartObject();
            Date(w, "from"u8, c.From);
            Date(w, "to"u8, c.To);
            w.WriteString("precision"u8, Kebab.Name(c.Precision));
            w.WriteString("method"u8, Kebab.Name(c.Method));
            OptionalString(w, "anchor"u8, c.Anchor);
            OptionalString(w, "reason"u8, c.Reason);
            if (c.At is { } at)
            {
                w.WriteString("at"u8, at);
            }
            OptionalString(w, "timeZone"u8, c.TimeZone);
            w.WriteEndObject();
        });
        Array(writer, "findings"u8, time.Findings, static (w, f) => w.WriteStringValue(f));
        writer.WriteEndObject();
    }

    private static void OptionalConfidence(Utf8JsonWriter writer, ReadOnlySpan<byte> name, Confidence? confidence)
    {
        if (confidence is null)
        {
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteString("reliability"u8, confidence.Reliability.ToString());
        writer.WriteNumber("credibility"u8, confidence.Credibility);
        if (confidence.Likelihood is { } likelihood)
        {
            writer.WriteString("likelihood"u8, Kebab.Name(likelihood));
        }
        writer.WriteEndObject();
    }

    /// <summary>A list property: left out when null, as any null property is; a null item is written as null.</summary>
    private static void Array<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (items is null)
        {
            return;
        }
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                write(writer, item);
            }
        }
        writer.WriteEndArray();
    }

    private static void Date(Utf8JsonWriter writer, ReadOnlySpan<byte> name, DateOnly date)
    {
        Span<char> text = stackalloc char[16];
        date.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }

    private static void OptionalString(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
