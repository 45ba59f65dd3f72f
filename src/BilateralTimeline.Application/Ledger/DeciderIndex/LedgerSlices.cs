using System.Text.Json;
using BilateralTimeline.Application.Serialization;
using BilateralTimeline.Domain.Actors;
using BilateralTimeline.Domain.Claims;
using BilateralTimeline.Domain.Ledger;
using BilateralTimeline.Domain.Occurrences;
using BilateralTimeline.Domain.Sources;
using BilateralTimeline.Domain.Time;

namespace BilateralTimeline.Application.Ledger.DeciderIndex;

/// <summary>Everything the decider's state holds about one claim; null: that entry is absent.</summary>
public sealed record ClaimSlice(ClaimRecorded? Claim, Confidence? Confidence, string? Retracted, string? Occurrence, string? SupersededBy, UncertainTime? Time);

/// <summary>
/// One key of the decider's state as a row document and back (see <see cref="LedgerKeys"/>). The
/// documents are the ledger's own JSON (the events' serializer), so an entry read back equals the entry
/// the full fold builds from the same event.
/// </summary>
public static class LedgerSlices
{
    /// <summary>A relation row's document: the relation is open. No row: it is not.</summary>
    private const string Present = "true";

    /// <summary>The key's entries in <paramref name="state"/> as a document; null when the state holds nothing under the key.</summary>
    /// <param name="state">The decider's state.</param>
    /// <param name="key">A decider index key.</param>
    /// <param name="serialized">
    /// Claims whose ledger JSON is at hand (the events a write just serialised, by reference): a claim row
    /// holds the claim in exactly those bytes, so they are copied in instead of serialising the claim again.
    /// </param>
    public static string? Document(LedgerState state, string key, IReadOnlyDictionary<ClaimRecorded, ReadOnlyMemory<byte>>? serialized = null)
    {
        var id = key[2..];
        switch (key[0])
        {
            case 's':
                return state.Sources.TryGetValue(id, out var source) ? Json(source) : null;
            case 'o':
                return state.Occurrences.TryGetValue(id, out var occurrence) ? Json(occurrence) : null;
            case 'r':
                return state.Relations.Contains(id) ? Present : null;
            case 'a' when key == LedgerKeys.Actors:
                return state.Actors.IsEmpty ? null : Json(state.Actors.Actors.Values.ToList());
            case 'c':
                var slice = new ClaimSlice(
                    state.Claims.GetValueOrDefault(id),
                    state.CurrentConfidence.GetValueOrDefault(id),
                    state.Retracted.GetValueOrDefault(id),
                    state.OccurrenceOfClaim.GetValueOrDefault(id),
                    state.SupersededBy.GetValueOrDefault(id),
                    state.CurrentTime.GetValueOrDefault(id));
                if (slice is { Claim: null, Confidence: null, Retracted: null, Occurrence: null, SupersededBy: null, Time: null })
                {
                    return null;
                }
                return slice.Claim is { } claim && serialized is not null && serialized.TryGetValue(claim, out var bytes)
                    ? WithClaim(bytes.Span, slice with { Claim = null })
                    : Json(slice);
            default:
                throw new ArgumentException($"'{key}' is not a decider index key", nameof(key));
        }
    }

    /// <summary>The state with the key's entries set from <paramref name="document"/>.</summary>
    /// <exception cref="JsonException">The document is not what this build writes (an index of another format).</exception>
    public static LedgerState Apply(LedgerState state, string key, string document)
    {
        var id = key[2..];
        switch (key[0])
        {
            case 's':
                return state with { Sources = state.Sources.SetItem(id, Read<SourceRegistered>(document)) };
            case 'o':
                return state with { Occurrences = state.Occurrences.SetItem(id, Read<OccurrenceIdentified>(document)) };
            case 'r':
                return document == Present ? state with { Relations = state.Relations.Add(id) } : throw new JsonException($"relation row '{key}' holds {document}");
            case 'a' when key == LedgerKeys.Actors:
                return state with { Actors = Read<List<ActorEntity>>(document).Aggregate(ActorRegistry.Empty, (r, a) => r with { Actors = r.Actors.SetItem(a.ActorId, a) }) };
            case 'c':
                var slice = Read<ClaimSlice>(document);
                return state with
                {
                    Claims = slice.Claim is { } claim ? state.Claims.SetItem(id, claim) : state.Claims,
                    CurrentConfidence = slice.Confidence is { } confidence ? state.CurrentConfidence.SetItem(id, confidence) : state.CurrentConfidence,
                    Retracted = slice.Retracted is { } reason ? state.Retracted.SetItem(id, reason) : state.Retracted,
                    OccurrenceOfClaim = slice.Occurrence is { } occurrence ? state.OccurrenceOfClaim.SetItem(id, occurrence) : state.OccurrenceOfClaim,
                    SupersededBy = slice.SupersededBy is { } by ? state.SupersededBy.SetItem(id, by) : state.SupersededBy,
                    CurrentTime = slice.Time is { } time ? state.CurrentTime.SetItem(id, time) : state.CurrentTime,
                };
            default:
                throw new JsonException($"'{key}' is not a decider index key");
        }
    }

    /// <summary>Every key the state holds something under: what a build from scratch writes.</summary>
    public static IEnumerable<string> Keys(LedgerState state) =>
        state.Sources.Keys.Select(LedgerKeys.Source)
            .Concat(state.Occurrences.Keys.Select(LedgerKeys.Occurrence))
            .Concat(state.Relations.Select(r => "r:" + r))
            .Concat(state.Actors.IsEmpty ? [] : [LedgerKeys.Actors])
            .Concat(state.Claims.Keys.Concat(state.CurrentConfidence.Keys).Concat(state.Retracted.Keys).Concat(state.OccurrenceOfClaim.Keys)
                .Concat(state.SupersededBy.Keys).Concat(state.CurrentTime.Keys).Distinct(StringComparer.Ordinal).Select(LedgerKeys.Claim));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LedgerJson.Options);

    /// <summary>
    /// The slice's document with its claim written as <paramref name="claim"/>: "claim" is the slice's first
    /// property, and its value is the claim's ledger JSON under the same options, so this is <see cref="Json{T}"/>
    /// of the whole slice byte for byte (LedgerSlicesSpliceTests holds them equal).
    /// </summary>
    private static string WithClaim(ReadOnlySpan<byte> claim, ClaimSlice rest)
    {
        var others = JsonSerializer.SerializeToUtf8Bytes(rest, LedgerJson.Options);
        // The text is decoded once, into a pooled buffer: an import's large write builds a row per claim, and decoding
        // the claim and the rest to strings, joining them in a builder and copying that out was a third of all the
        // import allocated (some 200 MB per 100,000 events).
        ReadOnlySpan<byte> open = "{\"claim\":"u8;
        ReadOnlySpan<byte> after = others.Length > 2 ? others.AsSpan(1) : "}"u8;
        var most = open.Length + claim.Length + 1 + after.Length;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(most);
        try
        {
            var chars = buffer.AsSpan();
            var at = System.Text.Encoding.UTF8.GetChars(open, chars);
            at += System.Text.Encoding.UTF8.GetChars(claim, chars[at..]);
            if (others.Length > 2)
            {
                chars[at++] = ',';
            }
            at += System.Text.Encoding.UTF8.GetChars(after, chars[at..]);
            return new string(chars[..at]);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static T Read<T>(string document) => JsonSerializer.Deserialize<T>(document, LedgerJson.Options) ?? throw new JsonException("a decider index row holds JSON null");
}
